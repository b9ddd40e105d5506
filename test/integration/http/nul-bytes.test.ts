// A NUL character (U+0000) gets the same answer on both databases: refused (400) in what people send
// to our APIs, dropped from what Shopify sends, so an order is still credited.
import request from 'supertest';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { appProxySignature } from '../../../web/server/http/verify-app-proxy';
import { createMember, createShop } from '../../fixtures/factories';
import { orderPayload } from '../../fixtures/order-payloads';
import { createTestApp, postWebhook, TEST_API_KEY, TEST_API_SECRET, webhookHmac } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';
import { createReward } from '../rewards/rewards-fixtures';

describeEachDatabase('NUL characters', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  let memberId: string;
  const as = async () => `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET })}`;

  beforeAll(async () => {
    const db = getDb();
    testApp = createTestApp(db);
    shop = await createShop(db.prisma);
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'offline', scope: null });
    memberId = (await createMember(db.prisma, shop.id, { balance: 100 })).id;
  });

  it.each([
    ['a member search', () => request(testApp.app).get('/api/members?query=an%00na')],
    ['a member id in the path', () => request(testApp.app).get('/api/members/abc%00def')],
    ['a report filter', () => request(testApp.app).get('/api/report?memberId=x%00')],
    ['an adjustment description', () => request(testApp.app).post(`/api/members/${memberId}/adjustments`).send({ points: 5, description: 'Thanks\u0000', idempotencyKey: 'nul-1' })],
    ['an adjustment idempotency key', () => request(testApp.app).post(`/api/members/${memberId}/adjustments`).send({ points: 5, description: 'Thanks', idempotencyKey: 'nul\u00002' })],
    ['a key of the body', () => request(testApp.app).patch('/api/settings/program').send({ 'points\u0000PerVisit': 1 })],
  ])('refuses %s with 400 and changes nothing', async (_label, call) => {
    const before = await getDb().prisma.ledgerEntry.count({ where: { shopId: shop.id } });
    const response = await call().set('Authorization', await as());
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION');
    expect(await getDb().prisma.ledgerEntry.count({ where: { shopId: shop.id } })).toBe(before);
  });

  it("refuses a NUL in a signed-in customer's storefront redemption key with 400", async () => {
    const member = await getDb().prisma.member.findUniqueOrThrow({ where: { id: memberId } });
    const params = new Map<string, string[]>([
      ['shop', [shop.domain]], ['logged_in_customer_id', [member.shopifyCustomerId.split('/').pop()!]],
      ['path_prefix', ['/apps/loyalty']], ['timestamp', [String(Math.floor(Date.now() / 1000))]],
    ]);
    const query = new URLSearchParams([...params].map(([key, [value]]): [string, string] => [key, value!]));
    query.set('signature', appProxySignature(params, TEST_API_SECRET));
    const reward = await createReward(getDb().prisma, shop.id, { pointsCost: 10 });
    const response = await request(testApp.app).post(`/proxy/redeem?${query}`).send({ rewardId: reward.id, idempotencyKey: 'redeem-key-\u0000-1' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION');
    expect(await getDb().prisma.redemption.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("credits an order whose customer's name holds a NUL, without the NUL", async () => {
    const db = getDb();
    const order = orderPayload({ customerId: 88001, lines: [{ price: '40.00' }] });
    const payload = { ...order, customer: { ...order.customer!, first_name: 'An\u0000na', last_name: 'de\u0000 Vries', email: 'an\u0000na@example.com' } };
    expect((await postWebhook(testApp.app, { shop: shop.domain, topic: 'orders/paid', payload })).status).toBe(200);
    await processDueTasks(testApp.jobContext());
    const member = await db.prisma.member.findFirstOrThrow({ where: { shopId: shop.id, shopifyCustomerId: 'gid://shopify/Customer/88001' } });
    expect(member).toMatchObject({ firstName: 'Anna', lastName: 'de Vries', pendingPoints: 40 });
    expect(await db.prisma.task.count({ where: { status: 'failed' } })).toBe(0);
  });

  it('refuses a webhook body with a raw NUL byte (not JSON) with 400 and stores nothing', async () => {
    const body = '{"id":1,"note":"a\u0000b"}';
    const response = await request(testApp.app)
      .post('/webhooks')
      .set('Content-Type', 'application/json')
      .set('X-Shopify-Topic', 'orders/paid')
      .set('X-Shopify-Shop-Domain', shop.domain)
      .set('X-Shopify-Webhook-Id', 'nul-raw')
      .set('X-Shopify-Hmac-Sha256', webhookHmac(body))
      .send(body);
    expect(response.status).toBe(400);
    expect(await getDb().prisma.webhookDelivery.count({ where: { webhookId: 'nul-raw' } })).toBe(0);
  });
});
