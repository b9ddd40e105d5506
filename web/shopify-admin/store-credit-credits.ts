import type { AdminGraphqlClient } from './admin-graphql-client';

// The credit transactions of a customer's store credit account in one currency, newest first. A credit
// transaction carries no note; what we can match ours by is amount, expiry and creation time (see
// web/core/redemption/store-credit-expiry.ts).
export const STORE_CREDIT_CREDITS_QUERY = `#graphql
  query LoyaltyStoreCreditCredits($customerId: ID!, $accountQuery: String!, $after: String) {
    customer(id: $customerId) {
      storeCreditAccounts(first: 1, query: $accountQuery) {
        nodes {
          transactions(first: 50, after: $after, reverse: true, query: "type:credit") {
            nodes {
              __typename
              ... on StoreCreditAccountCreditTransaction {
                id
                amount {
                  amount
                  currencyCode
                }
                expiresAt
                createdAt
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    }
  }
`;

export interface StoreCreditCredit {
  id: string;
  amount: { amount: string; currencyCode: string };
  expiresAt: string | null;
  createdAt: string;
}

interface StoreCreditCreditsData {
  customer: {
    storeCreditAccounts: {
      nodes: Array<{
        transactions: {
          nodes: Array<{ __typename: string } & Partial<StoreCreditCredit>>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      }>;
    };
  } | null;
}

/** At most this many pages of 50: a customer does not receive thousands of credits in one window. */
const MAX_PAGES = 20;

/** Credits created at or after `createdSince`, newest first (pages until older ones start). */
export async function listStoreCreditCredits(
  client: AdminGraphqlClient,
  shop: string,
  accessToken: string,
  input: { customerId: string; currencyCode: string; createdSince: Date },
): Promise<StoreCreditCredit[]> {
  const credits: StoreCreditCredit[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response: { data: StoreCreditCreditsData } = await client.request<StoreCreditCreditsData>(shop, accessToken, STORE_CREDIT_CREDITS_QUERY, {
      customerId: input.customerId,
      accountQuery: `currency_code:${input.currencyCode}`,
      after,
    });
    const transactions = response.data.customer?.storeCreditAccounts.nodes[0]?.transactions;
    if (!transactions) return credits;
    for (const node of transactions.nodes) {
      if (node.__typename !== 'StoreCreditAccountCreditTransaction' || !node.id || !node.amount || !node.createdAt) continue;
      if (Date.parse(node.createdAt) < input.createdSince.getTime()) return credits;
      credits.push({ id: node.id, amount: node.amount, expiresAt: node.expiresAt ?? null, createdAt: node.createdAt });
    }
    if (!transactions.pageInfo.hasNextPage) return credits;
    after = transactions.pageInfo.endCursor;
  }
  throw new Error('too many store credit transactions to reconcile; refusing to guess');
}
