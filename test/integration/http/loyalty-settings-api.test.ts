import request from 'supertest';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { createShop } from '../../fixtures/factories';
import { orderPayload } from '../../fixtures/order-payloads';
import { createTestApp, postWebhook, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('loyalty tab and programme settings API', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  let auth: string;

  beforeAll(async () => {
    const db = getDb();
    testApp = createTestApp(db);
    shop = await createShop(db.prisma);
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'offline', scope: null });
    for (const [n, title] of [[101, 'Haircut'], [102, 'Massage 60 min'], [103, 'Shampoo']] as const) {
      await db.prisma.product.create({
        data: { shopId: shop.id, shopifyId: `gid://shopify/Product/${n}`, title, variants: JSON.stringify([{ id: `gid://shopify/ProductVariant/${n}1`, title: 'Default' }]) },
      });
    }
  });

  beforeEach(async () => {
    auth = `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET })}`;
  });

  it('shows the programme defaults: 1 point per unit, rounded down, credited 3 h after the appointment', async () => {
    const response = await request(testApp.app).get('/api/settings/program').set('Authorization', auth);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ pointsPerCurrencyUnit: 1, rounding: 'down', creditDelayMinutes: 180, productCreditTrigger: 'paid', clawbackPolicy: 'claw_back' });
  });

  it.each([
    [{ creditDelayMinutes: 73 * 60 }],
    [{ creditDelayMinutes: -1 }],
    [{ rounding: 'sideways' }],
    [{ pointsPerCurrencyUnit: 1.5 }],
    [{ spendTiers: [{ fromMinor: 100, basisPoints: 200 }] }],
    [{ unknownSetting: true }],
  ])('refuses %j with 400 and changes nothing', async (patch) => {
    const before = await request(testApp.app).get('/api/settings/program').set('Authorization', auth);
    const response = await request(testApp.app).patch('/api/settings/program').set('Authorization', auth).send(patch);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION');
    const after = await request(testApp.app).get('/api/settings/program').set('Authorization', auth);
    expect(after.body).toEqual(before.body);
  });

  it('edits one product and reads it back by numeric id or GID', async () => {
    const put = await request(testApp.app).put('/api/products/101/loyalty').set('Authorization', auth).send({ isService: true, pointsMode: 'fixed', fixedPoints: 50 });
    expect(put.status).toBe(200);
    expect(put.body.product).toMatchObject({ enabled: true, isService: true, pointsMode: 'fixed', fixedPoints: 50, multiplierPercent: 100 });
    const get = await request(testApp.app).get(`/api/products/${encodeURIComponent('gid://shopify/Product/101')}/loyalty`).set('Authorization', auth);
    expect(get.body.product.fixedPoints).toBe(50);
  });

  it('answers 404 for an unknown product and 400 for absurd values', async () => {
    expect((await request(testApp.app).put('/api/products/999/loyalty').set('Authorization', auth).send({ fixedPoints: 5 })).status).toBe(404);
    expect((await request(testApp.app).put('/api/products/101/loyalty').set('Authorization', auth).send({ fixedPoints: -5 })).status).toBe(400);
    expect((await request(testApp.app).put('/api/products/101/loyalty').set('Authorization', auth).send({ fixedPoints: 10_000_000 })).status).toBe(400);
  });

  it('applies a bulk edit all-or-nothing', async () => {
    const bad = await request(testApp.app).put('/api/products-loyalty').set('Authorization', auth).send({
      items: [{ productId: '102', settings: { fixedPoints: 70, pointsMode: 'fixed' } }, { productId: '424242', settings: { enabled: false } }],
    });
    expect(bad.status).toBe(404);
    expect(bad.body.error.details.unknownProductIds).toEqual(['gid://shopify/Product/424242']);
    expect((await request(testApp.app).get('/api/products/102/loyalty').set('Authorization', auth)).body.product.pointsMode).toBe('rate');
    const good = await request(testApp.app).put('/api/products-loyalty').set('Authorization', auth).send({
      items: [{ productId: '102', settings: { fixedPoints: 70, pointsMode: 'fixed', isService: true } }, { productId: '103', settings: { enabled: false } }],
    });
    expect(good.body).toEqual({ changed: 2 });
  });

  it('makes an order earn what the loyalty tab says', async () => {
    await request(testApp.app).put('/api/products/102/loyalty').set('Authorization', auth).send({ pointsMode: 'fixed', fixedPoints: 70, enabled: true });
    await request(testApp.app).put('/api/products/103/loyalty').set('Authorization', auth).send({ enabled: false });
    await request(testApp.app).patch('/api/settings/program').set('Authorization', auth).send({ pointsPerVisit: 5 });
    const order = orderPayload({ customerId: 4242, lines: [{ productId: 102, title: 'Massage 60 min', price: '80.00' }, { productId: 103, title: 'Shampoo', price: '12.00' }] });
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'orders/paid', payload: order });
    await processDueTasks(testApp.jobContext());
    const entries = await getDb().prisma.ledgerEntry.findMany({ where: { shopId: shop.id }, orderBy: { points: 'desc' } });
    expect(entries.map((e) => [e.description, e.points])).toEqual([[`Massage 60 min (${order.name})`, 70], [`Visit bonus (${order.name})`, 5]]);
  });

  it('lists webhook deliveries that failed for good and lets staff retry them', async () => {
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'orders/paid', payload: { id: 'x', line_items: 5 }, webhookId: 'broken-1' });
    await processDueTasks(testApp.jobContext());
    const list = await request(testApp.app).get('/api/webhooks/failed').set('Authorization', auth);
    expect(list.body.items).toEqual([expect.objectContaining({ topic: 'orders/paid', webhookId: 'broken-1', lastError: expect.stringMatching(/malformed/) })]);
    const retry = await request(testApp.app).post('/api/webhooks/failed/retry').set('Authorization', auth).send({ ids: [list.body.items[0].taskId] });
    expect(retry.body).toEqual({ requeued: 1 });
  });
});
