// The widget's app-proxy client and cart hand-off, against a recorded fake fetch.
import { applyGiftCardToCart, createProxyClient, ProxyError, redeemAndWait, type FetchLike } from '../../../extension/theme-loyalty-widget/src/proxy-client';

function fakeFetch(answers: Array<{ status?: number; body: unknown }>) {
  const calls: Array<{ url: string; init?: Parameters<FetchLike>[1] }> = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const answer = answers.shift() ?? { status: 500, body: {} };
    const status = answer.status ?? 200;
    return { ok: status < 400, status, json: async () => answer.body };
  };
  return { fetch, calls };
}

const redemption = (status: string) => ({ id: 'red1', rewardId: 'r1', type: 'gift_card', status, points: 100, value: { amountMinor: 1000, currency: 'EUR' }, maskedCode: null, expiresOn: null, createdAt: '2026-01-01T00:00:00Z' });

describe('widget proxy client', () => {
  it('calls the app proxy on the same origin and sends the idempotency key with a redemption', async () => {
    const { fetch, calls } = fakeFetch([{ status: 201, body: { redemption: redemption('issued'), code: 'ABCD1234EFGH', pending: false } }]);
    const client = createProxyClient({ base: '/apps/loyalty/', fetch });
    const answer = await client.redeem('r1', 'key-12345678');
    expect(answer.code).toBe('ABCD1234EFGH');
    expect(calls[0]!.url).toBe('/apps/loyalty/redeem');
    expect(calls[0]!.init).toMatchObject({ method: 'POST', credentials: 'same-origin', headers: { 'Idempotency-Key': 'key-12345678' } });
    expect(JSON.parse(calls[0]!.init!.body!)).toEqual({ rewardId: 'r1', idempotencyKey: 'key-12345678' });
  });

  it("turns the server's error into a ProxyError with its code", async () => {
    const { fetch } = fakeFetch([{ status: 409, body: { error: { code: 'INSUFFICIENT_POINTS', message: 'Not enough points.' } } }]);
    await expect(createProxyClient({ base: '/apps/loyalty', fetch }).redeem('r1', 'key-12345678')).rejects.toEqual(new ProxyError(409, 'INSUFFICIENT_POINTS', 'Not enough points.'));
  });

  it('polls a redemption that is still being issued until the code arrives', async () => {
    const { fetch, calls } = fakeFetch([
      { status: 202, body: { redemption: redemption('issuing'), code: null, pending: true } },
      { body: { redemption: redemption('issuing'), code: null, pending: true } },
      { body: { redemption: redemption('issued'), code: 'CODE0000CODE', pending: false } },
    ]);
    const answer = await redeemAndWait(createProxyClient({ base: '/apps/loyalty', fetch }), 'r1', 'key-12345678', { sleep: async () => undefined });
    expect(answer.code).toBe('CODE0000CODE');
    expect(calls.map((c) => c.url)).toEqual(['/apps/loyalty/redeem', '/apps/loyalty/redemptions/red1', '/apps/loyalty/redemptions/red1']);
  });

  it('adds the gift card to the cart through the Storefront API only when the shop configured a token', async () => {
    const none = fakeFetch([]);
    expect(await applyGiftCardToCart('CODE', { storefrontToken: '', fetch: none.fetch })).toBe(false);
    expect(none.calls).toEqual([]);

    const { fetch, calls } = fakeFetch([
      { body: { token: 'c1-abc?key=xyz', item_count: 1 } },
      { body: { data: { cartGiftCardCodesAdd: { cart: { id: 'gid://shopify/Cart/c1-abc?key=xyz' }, userErrors: [] } } } },
    ]);
    expect(await applyGiftCardToCart('CODE', { storefrontToken: 'public-token', fetch })).toBe(true);
    expect(calls[1]!.url).toBe('/api/2026-07/graphql.json');
    expect(calls[1]!.init!.headers).toMatchObject({ 'X-Shopify-Storefront-Access-Token': 'public-token' });
    expect(JSON.parse(calls[1]!.init!.body!).variables).toEqual({ cartId: 'gid://shopify/Cart/c1-abc?key=xyz', codes: ['CODE'] });

    const refused = fakeFetch([{ body: { token: 't' } }, { body: { data: { cartGiftCardCodesAdd: { cart: null, userErrors: [{ message: 'invalid' }] } } } }]);
    expect(await applyGiftCardToCart('CODE', { storefrontToken: 'public-token', fetch: refused.fetch })).toBe(false);
  });
});
