import type { z } from 'zod';
import { MalformedPayloadError } from './webhook-handler';

export function parsePayload<T extends z.ZodType>(topic: string, schema: T, payload: unknown): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedPayloadError(topic, issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid');
  }
  return parsed.data;
}

/** REST webhook ids are numbers; the Admin GraphQL API and our rows use GIDs. */
export function toGid(kind: string, id: number | string): string {
  const text = String(id);
  return text.startsWith('gid://') ? text : `gid://shopify/${kind}/${text}`;
}
