import type { AdminGraphqlClient } from './admin-graphql-client';

// `id` is the customer GID: Shopify then credits (and if needed opens) the customer's account in
// that currency.
export const STORE_CREDIT_ACCOUNT_CREDIT_MUTATION = `#graphql
  mutation LoyaltyStoreCreditAccountCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
      storeCreditAccountTransaction {
        id
        amount {
          amount
          currencyCode
        }
        account {
          id
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

interface StoreCreditCreditData {
  storeCreditAccountCredit: {
    storeCreditAccountTransaction: { id: string; amount: { amount: string; currencyCode: string }; account: { id: string } } | null;
    userErrors: Array<{ field: string[] | null; code: string | null; message: string }>;
  } | null;
}

export type StoreCreditResult =
  | { ok: true; transactionId: string; accountId: string }
  | { ok: false; userErrors: Array<{ field: string[] | null; code: string | null; message: string }> };

/**
 * Sent once: the mutation takes no idempotency key, so it is never resent after an answer that may
 * hide a success (5xx, timeout, dropped connection); the caller reconciles against the account's
 * transactions (store-credit-credits.ts) before any retry.
 */
export async function creditStoreCredit(
  client: AdminGraphqlClient,
  shop: string,
  accessToken: string,
  input: { customerId: string; amount: string; currencyCode: string; expiresAt?: string },
): Promise<StoreCreditResult> {
  const creditInput = { creditAmount: { amount: input.amount, currencyCode: input.currencyCode }, notify: false, ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}) };
  const { data } = await client.request<StoreCreditCreditData>(shop, accessToken, STORE_CREDIT_ACCOUNT_CREDIT_MUTATION, { id: input.customerId, creditInput }, { onlyRetryThrottled: true });
  const payload = data.storeCreditAccountCredit;
  const transaction = payload?.storeCreditAccountTransaction;
  if (!transaction || (payload?.userErrors.length ?? 0) > 0) {
    return { ok: false, userErrors: payload?.userErrors.length ? payload.userErrors : [{ field: null, code: null, message: 'storeCreditAccountCredit returned no transaction' }] };
  }
  return { ok: true, transactionId: transaction.id, accountId: transaction.account.id };
}
