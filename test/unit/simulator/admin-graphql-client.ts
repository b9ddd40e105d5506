// Test helper: POSTs a GraphQL document to the simulator the way the app's rewriting fetch does.
import type { ShopifySimulator } from '../../simulator';

export interface GraphqlResponse {
  status: number;
  body: {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, any> }>;
    extensions?: { cost: { requestedQueryCost: number; actualQueryCost: number; throttleStatus: Record<string, number> } };
  };
}

export function graphqlClient(sim: ShopifySimulator, shop: string, token: string) {
  return async (query: string, variables?: Record<string, unknown>, init: { signal?: AbortSignal } = {}): Promise<GraphqlResponse> => {
    const response = await fetch(`${sim.url}/shops/${shop}/admin/api/2026-07/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': token },
      body: JSON.stringify({ query, variables }),
      signal: init.signal,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  };
}

/** Structural shape of a JSON value: the keys and value kinds, not the values. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).sort().map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]));
  }
  return typeof value;
}
