// The dashboard's setup guide, the point value behind the liability (the same on the dashboard and the
// report), and a member's visits as a person reads them, through the admin API on both databases.
import request from 'supertest';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { postDueCredits } from '../../../web/core/ledger/post-due-credits';
import { createShop } from '../../fixtures/factories';
import { orderPayload } from '../../fixtures/order-payloads';
import { createTestApp, postWebhook, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('setup guide, point value and member visits API', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  let auth: string;

  beforeAll(async () => {
    testApp = createTestApp(getDb());
    shop = await createShop(getDb().prisma, { currency: 'EUR' });
    await saveOfflineSession(getDb().prisma, { shop: shop.domain, accessToken: 'offline', scope: null });
  });
  beforeEach(async () => {
    auth = `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET })}`;
  });
  const get = (path: string) => request(testApp.app).get(path).set('Authorization', auth);

  it('counts setup steps from the data, lets the owner tick off the two the app cannot see, and refuses others', async () => {
    const empty = await get('/api/setup');
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ completed: 0, total: 6, done: false, emailServer: null });

    await getDb().prisma.product.create({ data: { shopId: shop.id, shopifyId: 'gid://shopify/Product/501', title: 'Haircut' } });
    await getDb().prisma.productLoyalty.create({ data: { shopId: shop.id, productId: 'gid://shopify/Product/501', isService: true } });
    // Written directly: creating one through the API asks Shopify for the gift-card issue limit.
    await getDb().prisma.giftCardReward.create({ data: { shopId: shop.id, title: '€25 gift card', valueMinor: 2500, currency: 'EUR', pointsCost: 250 } });
    await getDb().prisma.giftCardReward.create({ data: { shopId: shop.id, title: '€5 gift card', valueMinor: 500, currency: 'EUR', pointsCost: 300 } });
    const widget = await request(testApp.app).put('/api/setup/steps/widget').set('Authorization', auth).send({ done: true });
    expect(widget.status).toBe(200);
    const done = Object.fromEntries((widget.body.steps as Array<{ id: string; done: boolean }>).map((step) => [step.id, step.done]));
    expect(done).toEqual({ services: true, reward: true, testBooking: false, widget: true, email: false, programOn: false });
    expect(widget.body.completed).toBe(3);

    expect((await request(testApp.app).put('/api/setup/steps/email').set('Authorization', auth).send({ done: true })).status).toBe(400);
    expect((await request(testApp.app).put('/api/setup/steps/widget').set('Authorization', auth).send({ done: 'yes' })).status).toBe(400);
    const undone = await request(testApp.app).put('/api/setup/steps/widget').set('Authorization', auth).send({ done: false });
    expect(undone.body.completed).toBe(2);
  });

  it('values the liability at the best reward per point, the same on the dashboard and the report, and at the owner value once set', async () => {
    const customerId = 880001;
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'orders/paid', payload: orderPayload({ customerId, processedAt: '2026-01-10T10:00:00+01:00', lines: [{ price: '120.00' }] }) });
    await processDueTasks(testApp.jobContext());
    await getDb().prisma.ledgerEntry.updateMany({ where: { shopId: shop.id }, data: { availableAt: new Date(0) } });
    await postDueCredits(getDb(), { now: new Date() });

    const report = await get('/api/report?from=2000-01-01&to=2100-01-01');
    const dashboard = await get('/api/dashboard/stats');
    const points = report.body.totals.liabilityPoints as number;
    expect(points).toBe(120);
    // €25 for 250 points = €0.10 a point (the old 1 % rule gave €1.20).
    expect(report.body.totals).toMatchObject({ liabilityMinor: 1200, pointValue: { valueMinor: 2500, points: 250, source: 'reward' } });
    expect(dashboard.body).toMatchObject({ liabilityPoints: points, liabilityMinor: 1200, currency: 'EUR', pointValue: { source: 'reward' } });

    const patched = await request(testApp.app).patch('/api/settings/program').set('Authorization', auth).send({ pointValue: { valueMinor: 1, points: 2 } });
    expect(patched.status).toBe(200);
    expect(patched.body.pointValue).toEqual({ valueMinor: 1, points: 2 });
    expect((await get('/api/report?from=2000-01-01&to=2100-01-01')).body.totals).toMatchObject({ liabilityMinor: 60, pointValue: { source: 'owner' } });
    expect((await get('/api/dashboard/stats')).body.liabilityMinor).toBe(60);

    expect((await request(testApp.app).patch('/api/settings/program').set('Authorization', auth).send({ pointValue: { valueMinor: 0, points: 1 } })).status).toBe(400);
    expect((await request(testApp.app).patch('/api/settings/program').set('Authorization', auth).send({ pointValue: null })).body.pointValue).toBeNull();
  });

  it("shows the last visit that happened, the next booked appointment, and 'member since' no later than the first order", async () => {
    const customerId = 880002;
    const future = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'orders/paid', payload: orderPayload({ customerId, processedAt: '2025-06-01T10:00:00+02:00', lines: [{ price: '40.00', properties: [{ name: 'Booking date', value: '2025-06-03 14:00' }] }] }) });
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'orders/paid', payload: orderPayload({ customerId, processedAt: new Date().toISOString(), lines: [{ price: '40.00', properties: [{ name: 'Booking date', value: `${future} 11:00` }] }] }) });
    await processDueTasks(testApp.jobContext());
    const member = await getDb().prisma.member.findFirstOrThrow({ where: { shopId: shop.id, shopifyCustomerId: `gid://shopify/Customer/${customerId}` } });
    const detail = await get(`/api/members/${member.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.visits.lastVisitAt.slice(0, 10)).toBe('2025-06-03');
    expect(detail.body.visits.nextAppointmentAt.slice(0, 10)).toBe(future);
    expect(detail.body.visits.memberSince).toBe('2025-06-01T08:00:00.000Z');
    expect(detail.body.member.lastVisitAt.slice(0, 10)).toBe('2025-06-03');
    const list = await get('/api/members?limit=100');
    expect(list.body.items.find((item: { id: string }) => item.id === member.id).lastVisitAt.slice(0, 10)).toBe('2025-06-03');
  });
});
