import request from 'supertest';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { createShop } from '../../fixtures/factories';
import { orderPayload } from '../../fixtures/order-payloads';
import { createTestApp, postWebhook, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('earning rules API: multipliers, spend tiers, booking properties', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  let auth: string;
  let customer = 77000;

  beforeAll(async () => {
    testApp = createTestApp(getDb());
    shop = await createShop(getDb().prisma, { ianaTimezone: 'Europe/Copenhagen', primaryLocale: 'da' });
    await saveOfflineSession(getDb().prisma, { shop: shop.domain, accessToken: 'offline', scope: null });
    await getDb().prisma.product.create({ data: { shopId: shop.id, shopifyId: 'gid://shopify/Product/101', title: 'Pilates class' } });
  });
  beforeEach(async () => {
    auth = `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET })}`;
  });

  const earnedBy = async (payload: ReturnType<typeof orderPayload>) => {
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'orders/paid', payload });
    await processDueTasks(testApp.jobContext());
    const entries = await getDb().prisma.ledgerEntry.findMany({ where: { shopId: shop.id, orderId: `gid://shopify/Order/${payload.id}` } });
    return entries.reduce((sum, entry) => sum + entry.points, 0);
  };

  it('doubles points for an appointment inside a double-points weekend, and only there', async () => {
    const created = await request(testApp.app).post('/api/multipliers').set('Authorization', auth)
      .send({ name: 'Double points weekend', startsAt: '2026-12-05T00:00:00+01:00', endsAt: '2026-12-07T00:00:00+01:00', multiplierPercent: 200 });
    expect(created.status).toBe(201);
    const inside = orderPayload({ customerId: ++customer, lines: [{ price: '30.00', properties: [{ name: 'Booking date', value: '2026-12-06 10:00' }] }] });
    const outside = orderPayload({ customerId: ++customer, lines: [{ price: '30.00', properties: [{ name: 'Booking date', value: '2026-12-08 10:00' }] }] });
    expect(await earnedBy(inside)).toBe(60);
    expect(await earnedBy(outside)).toBe(30);
    expect((await request(testApp.app).delete(`/api/multipliers/${created.body.id}`).set('Authorization', auth)).status).toBe(204);
  });

  it('refuses a multiplier that ends before it starts, or names an unknown product', async () => {
    const backwards = await request(testApp.app).post('/api/multipliers').set('Authorization', auth)
      .send({ name: 'Oops', startsAt: '2026-12-07T00:00:00Z', endsAt: '2026-12-05T00:00:00Z', multiplierPercent: 200 });
    expect(backwards.status).toBe(400);
    const unknown = await request(testApp.app).post('/api/multipliers').set('Authorization', auth)
      .send({ name: 'Oops', startsAt: '2026-12-05T00:00:00Z', endsAt: '2026-12-07T00:00:00Z', multiplierPercent: 200, productId: '999' });
    expect(unknown.status).toBe(404);
  });

  it('earns a tiered percentage by cumulative spend (2% / 3% / 5%) when the shop chooses spend tiers', async () => {
    const patch = await request(testApp.app).patch('/api/settings/program').set('Authorization', auth).send({ earningMode: 'spend_tiers', spendTiers: [] });
    expect(patch.status).toBe(200);
    const regular = ++customer;
    expect(await earnedBy(orderPayload({ customerId: regular, lines: [{ price: '999.00' }] }))).toBe(19);
    // Lifetime spend is now 999: still below 1000, so 2% again.
    expect(await earnedBy(orderPayload({ customerId: regular, lines: [{ price: '100.00' }] }))).toBe(2);
    // 1099 spent: 3%.
    expect(await earnedBy(orderPayload({ customerId: regular, lines: [{ price: '2000.00' }] }))).toBe(60);
    // 3099 spent: above 3000, 5%.
    expect(await earnedBy(orderPayload({ customerId: regular, lines: [{ price: '100.00' }] }))).toBe(5);
    await request(testApp.app).patch('/api/settings/program').set('Authorization', auth).send({ earningMode: 'rate' });
  });

  it('shows how a sample booking is read, with the shop time zone and custom property names', async () => {
    const standard = await request(testApp.app).post('/api/settings/booking-properties/test').set('Authorization', auth)
      .send({ properties: [{ name: 'Dato', value: '03/04/2026' }, { name: 'Tid', value: '14:00-15:00' }] });
    expect(standard.status).toBe(200);
    expect(standard.body.reading).toMatchObject({ status: 'ok', start: '2026-04-03T12:00:00.000Z', end: '2026-04-03T13:00:00.000Z' });
    const custom = await request(testApp.app).post('/api/settings/booking-properties/test').set('Authorization', auth)
      .send({ properties: [{ name: 'Slot', value: '2026-04-03 09:30' }], config: { startKeys: ['Slot'] } });
    expect(custom.body.reading).toMatchObject({ status: 'ok', start: '2026-04-03T07:30:00.000Z' });
    const bad = await request(testApp.app).post('/api/settings/booking-properties/test').set('Authorization', auth).send({ properties: [] });
    expect(bad.status).toBe(400);
  });
});
