import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startShopifySimulator, type ShopifySimulator } from '../../simulator';

const SHOP = 'auth.myshopify.com';
const API_KEY = 'app-client-id';
const API_SECRET = 'app-secret-value';
let sim: ShopifySimulator;

beforeAll(async () => {
  sim = await startShopifySimulator({ apiKey: API_KEY, apiSecret: API_SECRET });
  sim.addShop(SHOP, { name: 'Auth', currencyCode: 'EUR', ianaTimezone: 'UTC', primaryLocale: 'en', giftCardIssueLimit: 500 });
});
afterAll(() => sim.close());

/** jose 6 is ESM-only and Jest runs CommonJS here, so jose verifies in a child Node process. */
function verifyWithJose(token: string, secret: string, audience: string): boolean {
  const script = `
    import { jwtVerify } from 'jose';
    try {
      await jwtVerify(process.env.TOKEN, new TextEncoder().encode(process.env.SECRET), { audience: process.env.AUD, algorithms: ['HS256'] });
      process.stdout.write('ok');
    } catch { process.stdout.write('bad'); }`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: process.cwd(),
    env: { ...process.env, TOKEN: token, SECRET: secret, AUD: audience },
  });
  return out.toString() === 'ok';
}

async function exchange(subjectToken: string, requested = 'urn:shopify:params:oauth:token-type:offline-access-token', secret = API_SECRET) {
  const response = await fetch(`${sim.url}/admin/oauth/access_token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_id: API_KEY,
      client_secret: secret,
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: subjectToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      requested_token_type: requested,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('session tokens', () => {
  it('mints App Bridge-shaped tokens that jose verifies, and forged ones it rejects', () => {
    const token = sim.mintSessionToken({ shop: SHOP, userId: 42 });
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(payload).toMatchObject({ iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: API_KEY, sub: '42' });
    expect(payload.exp - payload.iat).toBe(60);
    expect(typeof payload.jti).toBe('string');
    expect(typeof payload.sid).toBe('string');
    expect(verifyWithJose(token, API_SECRET, API_KEY)).toBe(true);
    expect(verifyWithJose(sim.mintSessionToken({ shop: SHOP, secret: 'wrong' }), API_SECRET, API_KEY)).toBe(false);
    expect(verifyWithJose(sim.mintSessionToken({ shop: SHOP, aud: 'other-app' }), API_SECRET, API_KEY)).toBe(false);
  });
});

describe('token exchange', () => {
  it('exchanges a valid session token for an offline token that opens the Admin API', async () => {
    const { status, body } = await exchange(sim.mintSessionToken({ shop: SHOP }));
    expect(status).toBe(200);
    expect(body.access_token).toMatch(/^shpat_/);
    expect(typeof body.scope).toBe('string');
    const response = await fetch(`${sim.url}/shops/${SHOP}/admin/api/2026-07/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': body.access_token },
      body: JSON.stringify({ query: '{ shop { name } }' }),
    });
    expect(((await response.json()) as any).data.shop.name).toBe('Auth');
  });

  it('returns an online token with the associated user', async () => {
    const { body } = await exchange(sim.mintSessionToken({ shop: SHOP, userId: 7 }), 'urn:shopify:params:oauth:token-type:online-access-token');
    expect(body).toMatchObject({ expires_in: expect.any(Number), associated_user: { id: 7, email_verified: true } });
    expect(body.access_token).toMatch(/^shpua_/);
  });

  it('rejects forged, expired, wrong-audience and unknown-shop subject tokens', async () => {
    const forged = [
      sim.mintSessionToken({ shop: SHOP, secret: 'forged' }),
      sim.mintSessionToken({ shop: SHOP, issuedAt: Math.floor(Date.now() / 1000) - 3600 }),
      sim.mintSessionToken({ shop: SHOP, aud: 'someone-else' }),
      sim.mintSessionToken({ shop: 'nobody.myshopify.com' }),
    ];
    for (const token of forged) {
      expect(await exchange(token)).toMatchObject({ status: 400, body: { error: 'invalid_subject_token' } });
    }
    expect(await exchange(sim.mintSessionToken({ shop: SHOP }), undefined, 'wrong-secret')).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
  });
});

describe('app proxy signature', () => {
  it('signs the query exactly like an independently computed Shopify example', () => {
    const params = { shop: SHOP, logged_in_customer_id: '123', path_prefix: '/apps/loyalty', timestamp: '1767225600', extra: ['1', '2'] };
    const message = `extra=1,2logged_in_customer_id=123path_prefix=/apps/loyaltyshop=${SHOP}timestamp=1767225600`;
    const expected = createHmac('sha256', API_SECRET).update(message).digest('hex');
    expect(sim.signAppProxyQuery(params)).toEqual({ ...params, signature: expected });
    // An incoming signature is ignored when re-signing.
    expect(sim.signAppProxyQuery({ ...params, signature: 'stale' }).signature).toBe(expected);
  });
});

describe('webhooks', () => {
  it('posts the payload with Shopify headers and an HMAC over the raw body', async () => {
    const received: Array<{ headers: http.IncomingHttpHeaders; body: Buffer }> = [];
    const app = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    sim.setAppUrl(`http://127.0.0.1:${(app.address() as AddressInfo).port}`);
    try {
      const result = await sim.sendWebhook({ shop: SHOP, topic: 'orders/paid', payload: { id: 1, note: 'é' } });
      expect(result).toMatchObject({ status: 200, body: 'ok' });
      const [delivery] = received;
      const hmac = createHmac('sha256', API_SECRET).update(delivery!.body).digest('base64');
      expect(delivery!.headers).toMatchObject({
        'x-shopify-topic': 'orders/paid',
        'x-shopify-shop-domain': SHOP,
        'x-shopify-api-version': '2026-07',
        'x-shopify-webhook-id': result.webhookId,
        'x-shopify-hmac-sha256': hmac,
      });
      expect(delivery!.headers['x-shopify-event-id']).toBeTruthy();
      expect(delivery!.headers['x-shopify-triggered-at']).toBeTruthy();

      await sim.sendWebhook({ shop: SHOP, topic: 'orders/paid', payload: {}, forgeHmac: true, webhookId: 'fixed-id' });
      const forged = received[1]!;
      expect(forged.headers['x-shopify-webhook-id']).toBe('fixed-id');
      expect(forged.headers['x-shopify-hmac-sha256']).not.toBe(createHmac('sha256', API_SECRET).update(forged.body).digest('base64'));
    } finally {
      await new Promise<void>((resolve) => app.close(() => resolve()));
    }
  });
});
