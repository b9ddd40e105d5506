// The checkout and customer-account extensions' client for /ext/customer/* on our app. Each call
// asks Shopify for a fresh session token (cached by Shopify while valid) and sends it as a bearer
// token; the server takes the shop and the customer from it.
import type { CustomerSummary, HistoryPage, OrderPointsView, RedeemAnswer } from '../../web/contracts/storefront-api';

type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export class ExtensionApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ExtensionApiError';
  }
}

export function createExtensionClient(options: { appUrl: string; getToken: () => Promise<string>; fetch: Fetch }) {
  const call = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const token = await options.getToken();
    const response = await options.fetch(`${options.appUrl.replace(/\/+$/, '')}/ext/customer${path}`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const json = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (!response.ok) throw new ExtensionApiError(response.status, json.error?.code ?? 'ERROR', json.error?.message ?? `HTTP ${response.status}`);
    return json as T;
  };
  return {
    summary: () => call<CustomerSummary>('/summary'),
    history: (before?: string) => call<HistoryPage>(`/history?limit=20${before ? `&before=${encodeURIComponent(before)}` : ''}`),
    redeem: (rewardId: string, idempotencyKey: string) => call<RedeemAnswer>('/redeem', { method: 'POST', body: { rewardId, idempotencyKey } }),
    redemption: (id: string) => call<RedeemAnswer>(`/redemptions/${encodeURIComponent(id)}`),
    revealCode: async (id: string) => (await call<{ code: string }>(`/redemptions/${encodeURIComponent(id)}/code`)).code,
    orderPoints: (orderId: string) => call<OrderPointsView>(`/orders/${encodeURIComponent(orderId)}/points`),
    /** Once, with consent; the server refuses a second change (409). */
    saveBirthday: (month: number, day: number) => call<{ birthday: string }>('/birthday', { method: 'POST', body: { month, day, consent: true } }),
  };
}

export type ExtensionClient = ReturnType<typeof createExtensionClient>;

/** Redeem, then poll while Shopify is still creating the card. */
export async function redeemUntilSettled(client: ExtensionClient, rewardId: string, key: string, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), attempts = 15): Promise<RedeemAnswer> {
  let answer = await client.redeem(rewardId, key);
  for (let i = 0; answer.pending && i < attempts; i++) {
    await sleep(1500);
    answer = await client.redemption(answer.redemption.id);
  }
  return answer;
}
