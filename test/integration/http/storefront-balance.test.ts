// GET /proxy/balance is answered before Express (web/server/http/before-express.ts); it must keep
// the contract of the other storefront routes: signature, caching, answer and error shapes.
import request from 'supertest';
import { appProxySignature } from '../../../web/server/http/verify-app-proxy';
import { createMember, createShop } from '../../fixtures/factories';
import { createTestApp, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

function signedBalanceUrl(shop: string, customerId: string | string[], secret = TEST_API_SECRET, path = '/proxy/balance'): string {
  const params = new Map<string, string[]>([
    ['shop', [shop]],
    ['logged_in_customer_id', Array.isArray(customerId) ? customerId : [customerId]],
    ['path_prefix', ['/apps/loyalty']],
    ['timestamp', [String(Math.floor(Date.now() / 1000))]],
  ]);
  const query = new URLSearchParams([...params].flatMap(([key, values]) => values.map((value): [string, string] => [key, value])));
  query.set('signature', appProxySignature(params, secret));
  return `${path}?${query.toString()}`;
}

describeEachDatabase('storefront balance read', (getDb) => {
  it('answers the signed-in member with balance and pending points, uncached and without an ETag', async () => {
    const db = getDb();
    const { app } = createTestApp(db);
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id, { balance: 120 });
    const response = await request(app).get(signedBalanceUrl(shop.domain, member.shopifyCustomerId.split('/').pop()!));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ balance: 120, pendingPoints: 0, pending: [], tier: null, birthday: null });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers.etag).toBeUndefined();
  });

  it('refuses a request signed with another secret in the same error shape as every other route', async () => {
    const db = getDb();
    const { app } = createTestApp(db);
    const shop = await createShop(db.prisma);
    const response = await request(app).get(signedBalanceUrl(shop.domain, '1', 'not-our-secret'));
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { code: 'UNAUTHORIZED', message: 'The request signature is not valid.' } });
  });

  it.each(['/proxy/balance', '/proxy/history'])('refuses %s signed with logged_in_customer_id twice, whichever value comes first', async (path) => {
    const db = getDb();
    const { app } = createTestApp(db);
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id, { balance: 120 });
    const customerId = member.shopifyCustomerId.split('/').pop()!;
    for (const ids of [[customerId, '999'], ['999', customerId]]) {
      const response = await request(app).get(signedBalanceUrl(shop.domain, ids, TEST_API_SECRET, path));
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
    }
  });

  it('answers a failure it did not expect with the generic 500, not the error text', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const failing = () => Promise.reject(new Error('connection reset: secret detail'));
    const { app } = createTestApp({ ...db, sql: { query: failing, execute: failing, transaction: failing } });
    const response = await request(app).get(signedBalanceUrl(shop.domain, member.shopifyCustomerId.split('/').pop()!));
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.' } });
  });

  it('leaves other methods and paths to the Express routes', async () => {
    const db = getDb();
    const { app } = createTestApp(db);
    expect((await request(app).post('/proxy/balance')).status).toBe(404);
    expect((await request(app).get('/proxy/history')).status).toBe(401);
  });
});
