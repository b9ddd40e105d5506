// Talks to our app through the shop's app proxy (/apps/loyalty/* on the storefront, forwarded and
// signed by Shopify to /proxy/*). Same-origin requests: the shop's session cookie tells Shopify who
// the customer is, and Shopify — not this code — adds the customer id to the signed query.
import type { BalanceView, HistoryPage, ProgramView, RedeemAnswer, RedemptionView, RewardsView } from '../../../web/contracts/storefront-api';

export type FetchLike = (input: string, init?: { method?: string; headers?: Record<string, string>; body?: string; credentials?: 'same-origin' }) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

export class ProxyError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export interface ProxyClient {
  program(): Promise<ProgramView>;
  balance(): Promise<BalanceView>;
  history(before?: string): Promise<HistoryPage>;
  rewards(): Promise<RewardsView>;
  redemptions(): Promise<{ items: RedemptionView[] }>;
  redemption(id: string): Promise<RedeemAnswer>;
  revealCode(id: string): Promise<string>;
  redeem(rewardId: string, idempotencyKey: string): Promise<RedeemAnswer>;
}

export function createProxyClient(options: { base: string; fetch: FetchLike }): ProxyClient {
  const base = options.base.replace(/\/+$/, '');
  const call = async <T>(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<T> => {
    const response = await options.fetch(base + path, { credentials: 'same-origin', ...init });
    const body = await response.json().catch(() => ({})) as T & { error?: { code?: string; message?: string } };
    if (!response.ok) throw new ProxyError(response.status, body.error?.code ?? 'ERROR', body.error?.message ?? `HTTP ${response.status}`);
    return body;
  };
  const redemption = (id: string) => `/redemptions/${encodeURIComponent(id)}`;
  return {
    program: () => call('/program'),
    balance: () => call('/balance'),
    history: (before) => call(`/history?limit=10${before ? `&before=${encodeURIComponent(before)}` : ''}`),
    rewards: () => call('/rewards'),
    redemptions: () => call('/redemptions'),
    redemption: (id) => call(redemption(id)),
    revealCode: async (id) => (await call<{ code: string }>(`${redemption(id)}/code`)).code,
    redeem: (rewardId, idempotencyKey) => call('/redeem', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify({ rewardId, idempotencyKey }),
    }),
  };
}

/** Redeems, then polls while Shopify is still creating the card (the server answers 202 then). */
export async function redeemAndWait(client: ProxyClient, rewardId: string, idempotencyKey: string, options: { sleep?: (ms: number) => Promise<void> } = {}): Promise<RedeemAnswer> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let answer = await client.redeem(rewardId, idempotencyKey);
  for (let attempt = 0; answer.pending && attempt < 20; attempt++) {
    await sleep(1500);
    answer = await client.redemption(answer.redemption.id);
  }
  return answer;
}

/**
 * Applies a gift card code to the storefront cart. The Cart AJAX API has no gift card field (its
 * `discount` parameter takes discount codes), so this goes through the Storefront API's
 * `cartGiftCardCodesAdd` (Storefront API 2025-10+) on the same cart (`gid://shopify/Cart/<cart token>`), which needs
 * a public Storefront API token the merchant puts in the block settings. Without one it returns
 * false and the widget shows the code with a copy button and instructions.
 */
export async function applyGiftCardToCart(code: string, options: { storefrontToken: string; apiVersion?: string; fetch: FetchLike }): Promise<boolean> {
  if (!options.storefrontToken) return false;
  try {
    const cartResponse = await options.fetch('/cart.js');
    if (!cartResponse.ok) return false;
    const cart = (await cartResponse.json()) as { token?: string; item_count?: number };
    if (!cart.token) return false;
    const response = await options.fetch(`/api/${options.apiVersion ?? '2026-07'}/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Storefront-Access-Token': options.storefrontToken },
      body: JSON.stringify({
        query: 'mutation($cartId:ID!,$codes:[String!]!){cartGiftCardCodesAdd(cartId:$cartId,giftCardCodes:$codes){cart{id}userErrors{message}}}',
        variables: { cartId: `gid://shopify/Cart/${cart.token}`, codes: [code] },
      }),
    });
    if (!response.ok) return false;
    const result = (await response.json()) as { data?: { cartGiftCardCodesAdd?: { cart: { id: string } | null; userErrors: unknown[] } } };
    const payload = result.data?.cartGiftCardCodesAdd;
    return Boolean(payload?.cart) && (payload?.userErrors.length ?? 1) === 0;
  } catch {
    return false;
  }
}
