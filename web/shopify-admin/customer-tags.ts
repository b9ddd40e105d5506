// Customers' tags: read many at once (nodes), change many at once (aliased tagsAdd/tagsRemove fields in
// one mutation document: each field costs 10 points, so a document carries as many as the pacing allows).
import type { AdminGraphqlClient, QueryCost } from './admin-graphql-client';

export const CUSTOMER_TAGS_QUERY = `#graphql
  query LoyaltyCustomerTags($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Customer {
        id
        tags
      }
    }
  }
`;

/** Shopify answers at most 250 ids per `nodes`. */
export const CUSTOMER_TAGS_PAGE = 100;

export async function readCustomerTags(client: AdminGraphqlClient, shop: string, accessToken: string, ids: string[]): Promise<{ tags: Map<string, string[]>; cost?: QueryCost }> {
  const { data, cost } = await client.request<{ nodes: Array<{ id?: string; tags?: string[] } | null> }>(shop, accessToken, CUSTOMER_TAGS_QUERY, { ids });
  const tags = new Map<string, string[]>();
  for (const node of data.nodes) if (node?.id && node.tags) tags.set(node.id, node.tags);
  return { tags, cost };
}

export interface TagOperation {
  customerId: string;
  field: 'tagsAdd' | 'tagsRemove';
  tags: string[];
}

/**
 * One document with a field per operation, `op0: tagsAdd(id: $id0, tags: $tags0) { … }`: built from a
 * fixed template (only the count varies), variables carry every value.
 */
export function tagOperationsDocument(operations: readonly TagOperation[]): string {
  const variables = operations.map((_, i) => `$id${i}: ID!, $tags${i}: [String!]!`).join(', ');
  const fields = operations.map((op, i) => `op${i}: ${op.field}(id: $id${i}, tags: $tags${i}) { node { id } userErrors { field message } }`).join('\n    ');
  return `#graphql\n  mutation LoyaltyCustomerTagsChange(${variables}) {\n    ${fields}\n  }\n`;
}

type TagPayload = { node: { id: string } | null; userErrors: Array<{ field: string[] | null; message: string }> } | null;

/** Sends the operations in one request; returns the user errors per operation index. */
export async function applyTagOperations(client: AdminGraphqlClient, shop: string, accessToken: string, operations: readonly TagOperation[]): Promise<{ errors: Array<{ index: number; message: string }>; cost?: QueryCost }> {
  const variables: Record<string, unknown> = {};
  operations.forEach((op, i) => {
    variables[`id${i}`] = op.customerId;
    variables[`tags${i}`] = op.tags;
  });
  const { data, cost } = await client.request<Record<string, TagPayload>>(shop, accessToken, tagOperationsDocument(operations), variables);
  const errors: Array<{ index: number; message: string }> = [];
  operations.forEach((_, i) => {
    const payload = data[`op${i}`];
    if (!payload) errors.push({ index: i, message: 'no answer for this change' });
    else if (payload.userErrors.length > 0) errors.push({ index: i, message: payload.userErrors.map((e) => e.message).join('; ') });
  });
  return { errors, cost };
}
