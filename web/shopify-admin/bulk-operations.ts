// Shopify's bulk operations: one mutation starts a query over the whole shop in the background, a
// status query is polled until it completes, and the result is a JSONL file at `url` (see
// https://shopify.dev/docs/api/usage/bulk-operations/queries). The inner queries the app runs in bulk
// are declared here too, so the documents test validates them against the schema.
import type { AdminGraphqlClient } from './admin-graphql-client';

export const BULK_OPERATION_RUN_QUERY_MUTATION = `#graphql
  mutation BulkOperationRunQuery($query: String!, $groupObjects: Boolean!) {
    bulkOperationRunQuery(query: $query, groupObjects: $groupObjects) {
      bulkOperation { id status }
      userErrors { field message code }
    }
  }
`;

export const BULK_OPERATION_QUERY = `#graphql
  query BulkOperationStatus($id: ID!) {
    node(id: $id) {
      ... on BulkOperation { id status errorCode objectCount url partialDataUrl }
    }
  }
`;

/** Every customer, with what groups and tiers need from day one. */
export const CUSTOMERS_BULK_QUERY = `#graphql
  query CustomersForImport {
    customers {
      edges {
        node {
          id
          firstName
          lastName
          locale
          createdAt
          tags
          numberOfOrders
          defaultEmailAddress { emailAddress }
          defaultPhoneNumber { phoneNumber }
          amountSpent { amount currencyCode }
          lastOrder { processedAt }
        }
      }
    }
  }
`;

/**
 * Orders processed in a date range with their lines (a nested connection: its nodes come on lines of
 * their own, after their order, with `__parentId`, because the operation groups objects).
 */
export function pastOrdersBulkQuery(from: Date, to: Date): string {
  return PAST_ORDERS_BULK_QUERY.replace('FROM_TIME', from.toISOString()).replace('TO_TIME', to.toISOString());
}

export const PAST_ORDERS_BULK_QUERY = `#graphql
  query PastOrdersForBackfill {
    orders(query: "processed_at:>='FROM_TIME' processed_at:<'TO_TIME'", sortKey: PROCESSED_AT) {
      edges {
        node {
          id
          name
          processedAt
          updatedAt
          cancelledAt
          currencyCode
          displayFinancialStatus
          displayFulfillmentStatus
          customer { id }
          lineItems {
            edges {
              node {
                id
                title
                quantity
                currentQuantity
                isGiftCard
                product { id }
                variant { id }
                customAttributes { key value }
                discountedTotalSet { shopMoney { amount currencyCode } }
              }
            }
          }
        }
      }
    }
  }
`;

export type BulkOperationStatus = 'CREATED' | 'RUNNING' | 'COMPLETED' | 'CANCELING' | 'CANCELED' | 'FAILED' | 'EXPIRED';

export interface BulkOperationState {
  id: string;
  status: BulkOperationStatus;
  errorCode: string | null;
  objectCount: number;
  /** null when the operation found nothing (Shopify then has no file) */
  url: string | null;
}

export type StartBulkResult = { ok: true; id: string } | { ok: false; code: string | null; message: string };

export async function startBulkQuery(client: AdminGraphqlClient, shop: string, accessToken: string, query: string): Promise<StartBulkResult> {
  const { data } = await client.request<{ bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: Array<{ message: string; code: string | null }> } }>(
    shop, accessToken, BULK_OPERATION_RUN_QUERY_MUTATION, { query: query.replace(/^\s*#graphql\s*/, ''), groupObjects: true },
  );
  const { bulkOperation, userErrors } = data.bulkOperationRunQuery;
  if (bulkOperation) return { ok: true, id: bulkOperation.id };
  return { ok: false, code: userErrors[0]?.code ?? null, message: userErrors.map((e) => e.message).join('; ') || 'Shopify did not start the bulk operation' };
}

export async function readBulkOperation(client: AdminGraphqlClient, shop: string, accessToken: string, id: string): Promise<BulkOperationState | null> {
  const { data } = await client.request<{ node: { id: string; status: BulkOperationStatus; errorCode: string | null; objectCount: string; url: string | null } | null }>(
    shop, accessToken, BULK_OPERATION_QUERY, { id },
  );
  if (!data.node) return null;
  return { id: data.node.id, status: data.node.status, errorCode: data.node.errorCode, objectCount: Number(data.node.objectCount), url: data.node.url };
}
