import { z } from 'zod';
import { MalformedPayloadError } from './webhook-handler';

export function parsePayload<T extends z.ZodType>(topic: string, schema: T, payload: unknown): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedPayloadError(topic, issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid');
  }
  return parsed.data;
}

/**
 * A Shopify REST id (64-bit), as text. The body is read with parseShopifyJson, so an id beyond 2^53
 * arrives as its digit string; a number that is not a safe integer was rounded by a JSON.parse
 * somewhere and names another object, so it is refused rather than stored. A GID is accepted as is.
 */
export const restId = z
  .union([
    z.number().int().nonnegative().refine(Number.isSafeInteger, 'id was rounded (read as a JS number beyond 2^53)'),
    z.string().regex(/^(\d{1,20}|gid:\/\/shopify\/\w+\/\d{1,20})$/, 'must be a Shopify id'),
  ])
  .transform(String);

/** The `admin_graphql_api_id` Shopify sends beside a REST id: the GID of that object, as text. */
export const adminGraphqlApiId = z
  .string()
  .regex(/^gid:\/\/shopify\/\w+\/\d{1,20}$/, 'must be a Shopify GID')
  .nullable()
  .optional();

/** REST webhook ids are numbers; the Admin GraphQL API and our rows use GIDs. */
export function toGid(kind: string, id: number | string): string {
  const text = String(id);
  return text.startsWith('gid://') ? text : `gid://shopify/${kind}/${text}`;
}

/** The object's GID: its admin_graphql_api_id when Shopify sent one (it must name a `kind`), else built from its id. */
export function gidOf(topic: string, kind: string, object: { id: string; admin_graphql_api_id?: string | null }): string {
  const fromId = toGid(kind, object.id);
  const gid = object.admin_graphql_api_id ?? fromId;
  if (!gid.startsWith(`gid://shopify/${kind}/`) || gid !== fromId) {
    throw new MalformedPayloadError(topic, `admin_graphql_api_id ${gid} does not name ${kind} ${object.id}`);
  }
  return gid;
}
