// Locations: synced by name from the Admin API (simulator), POS orders earn at their location,
// per-location figures, and staff limited to locations who see and adjust only their locations' members.
import request from 'supertest';
import { parseCsv } from '../../../web/core/adjustments/parse-csv';
import { postDueCredits } from '../../../web/core/ledger/post-due-credits';
import { requestDailyLocationSyncs } from '../../../web/core/locations/request-location-sync';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { createShop } from '../../fixtures/factories';
import { orderPayload } from '../../fixtures/order-payloads';
import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { addLocation } from '../../simulator/locations';
import { createTestApp, postWebhook, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

const CENTRUM = 'gid://shopify/Location/71000000001';
const OOST = 'gid://shopify/Location/71000000002';

function text(res: request.Response, callback: (err: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  let body = '';
  stream.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  stream.on('end', () => callback(null, body));
}

describeEachDatabase('locations: sync, POS earning, per-location figures, location-limited staff', (getDb) => {
  let sim: ShopifySimulator;
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  const as = async (userId: string) => `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`;
  const api = () => request(testApp.app);
  const drain = () => processDueTasks(testApp.jobContext());
  let customerSeq = 880_000;

  /** A paid order at `location` (a POS sale: source_name pos, location_id) or online (null). */
  async function sell(options: { customerId: number; location: string | null; price: string; cancelled?: boolean; processedAt?: string }) {
    const order = orderPayload({ customerId: options.customerId, lines: [{ title: 'Argan shampoo', price: options.price }], processedAt: options.processedAt ?? '2026-11-20T10:00:00Z' });
    const payload = {
      ...order,
      source_name: options.location ? 'pos' : 'web',
      location_id: options.location ? Number(options.location.split('/').pop()) : null,
      ...(options.cancelled ? { cancelled_at: '2026-11-20T11:00:00Z', financial_status: 'voided' } : {}),
    };
    const response = await postWebhook(testApp.app, { shop: shop.domain, topic: options.cancelled ? 'orders/cancelled' : 'orders/paid', payload });
    expect(response.status).toBe(200);
    return payload;
  }

  const memberOf = (customerId: number) => getDb().prisma.member.findFirstOrThrow({ where: { shopId: shop.id, shopifyCustomerId: `gid://shopify/Customer/${customerId}` } });

  beforeAll(async () => {
    const db = getDb();
    sim = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, maximumAvailable: 100_000, restoreRate: 100_000 });
    testApp = createTestApp(db, { SHOPIFY_SIMULATOR_URL: sim.url });
    shop = await createShop(db.prisma, { currency: 'EUR' });
    const state = sim.addShop(shop.domain, { name: 'Test Studio', currencyCode: 'EUR', ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'nl', giftCardIssueLimit: 500 });
    addLocation(state, { id: 71_000_000_001, name: 'Salon Centrum', city: 'Amsterdam' });
    addLocation(state, { id: 71_000_000_002, name: 'Studio Oost', city: 'Utrecht' });
    addLocation(state, { id: 71_000_000_003, name: 'Pop-up Haarlem', city: 'Haarlem', isActive: false });
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: sim.issueAccessToken(shop.domain), scope: null });
    // 1 owner, 2 staff (to be limited to Centrum), 3 manager (limited to Centrum), 4 staff (unlimited)
    for (const userId of ['1', '2', '3', '4']) await api().get('/api/me').set('Authorization', await as(userId)).expect(200);
  });
  afterAll(async () => sim.close());

  describe('sync', () => {
    it('copies the shop\'s locations by name from the Admin API when a manager asks, and staff may not ask', async () => {
      expect((await api().post('/api/locations/sync').set('Authorization', await as('4'))).status).toBe(403);
      const queued = await api().post('/api/locations/sync').set('Authorization', await as('1'));
      expect(queued.status).toBe(202);
      expect(await drain()).toMatchObject({ done: 1 });
      const list = await api().get('/api/locations').set('Authorization', await as('4'));
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        { id: 'gid://shopify/Location/71000000003', name: 'Pop-up Haarlem', city: 'Haarlem', active: false, deleted: false },
        { id: CENTRUM, name: 'Salon Centrum', city: 'Amsterdam', active: true, deleted: false },
        { id: OOST, name: 'Studio Oost', city: 'Utrecht', active: true, deleted: false },
      ]);
    });

    it('follows renames and removals on the next sync, keeping a removed location for history', async () => {
      const state = sim.shop(shop.domain);
      state.locations!.find((location) => location.id === 71_000_000_003)!.name = 'Pop-up Haarlem (closed)';
      state.locations!.push({ ...state.locations![2]!, id: 71_000_000_004, name: 'Temporary', isActive: true });
      await api().post('/api/locations/sync').set('Authorization', await as('1')).expect(202);
      await drain();
      state.locations = state.locations!.filter((location) => location.id !== 71_000_000_004);
      // the daily sync, once per shop and day
      expect(await requestDailyLocationSyncs(getDb().prisma, new Date())).toBeGreaterThanOrEqual(1);
      await drain();
      const rows = await getDb().prisma.location.findMany({ where: { shopId: shop.id }, orderBy: { shopifyId: 'asc' } });
      expect(rows.map((row) => [row.name, row.active, row.deletedAt !== null])).toEqual([
        ['Salon Centrum', true, false], ['Studio Oost', true, false], ['Pop-up Haarlem (closed)', false, false], ['Temporary', false, true],
      ]);
    });

    it('takes locations/update and locations/delete webhooks, ignoring an update older than what is stored', async () => {
      const payload = { id: 71_000_000_002, admin_graphql_api_id: OOST, name: 'Studio Oost (Utrecht)', city: 'Utrecht', active: true, updated_at: '2099-01-01T00:00:00Z' };
      expect((await postWebhook(testApp.app, { shop: shop.domain, topic: 'locations/update', payload })).status).toBe(200);
      expect((await postWebhook(testApp.app, { shop: shop.domain, topic: 'locations/update', payload: { ...payload, name: 'Old name', updated_at: '2020-01-01T00:00:00Z' } })).status).toBe(200);
      await drain();
      expect((await getDb().prisma.location.findFirstOrThrow({ where: { shopId: shop.id, shopifyId: OOST } })).name).toBe('Studio Oost (Utrecht)');
      expect((await postWebhook(testApp.app, { shop: shop.domain, topic: 'locations/delete', payload: { id: 71_000_000_003 } })).status).toBe(200);
      await drain();
      const removed = await getDb().prisma.location.findFirstOrThrow({ where: { shopId: shop.id, shopifyId: 'gid://shopify/Location/71000000003' } });
      expect([removed.name, removed.active, removed.deletedAt !== null]).toEqual(['Pop-up Haarlem (closed)', false, true]);
      // back to the Admin API's name for the tests below
      await getDb().prisma.location.update({ where: { shopId_shopifyId: { shopId: shop.id, shopifyId: OOST } }, data: { name: 'Studio Oost', shopifyUpdatedAt: null } });
    });

    it('offers locations by name in the report filter', async () => {
      const response = await api().get('/api/report/filter-options').set('Authorization', await as('4'));
      expect(response.body.locations).toEqual(expect.arrayContaining([{ id: CENTRUM, label: 'Salon Centrum', named: true }, { id: OOST, label: 'Studio Oost', named: true }]));
    });
  });

  describe('POS orders and per-location figures', () => {
    it('records a POS order and its points at the order\'s location', async () => {
      const customerId = ++customerSeq;
      const order = await sell({ customerId, location: CENTRUM, price: '40.00' });
      await drain();
      const record = await getDb().prisma.orderRecord.findFirstOrThrow({ where: { shopId: shop.id, shopifyOrderId: `gid://shopify/Order/${order.id}` } });
      expect(record.locationId).toBe(CENTRUM);
      const entries = await getDb().prisma.ledgerEntry.findMany({ where: { shopId: shop.id, orderId: `gid://shopify/Order/${order.id}` } });
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((entry) => entry.locationId === CENTRUM && entry.type === 'earn')).toBe(true);
    });

    it('reports per-location points, orders, customers and sales equal to an independent sum', async () => {
      // 24 orders over both locations and online, some customers at several places, two cancelled.
      const sales: Array<{ customerId: number; location: string | null; cents: number; cancelled: boolean }> = [];
      const customers = Array.from({ length: 6 }, () => ++customerSeq);
      for (let i = 0; i < 24; i += 1) {
        const location = [CENTRUM, OOST, null][i % 3]!;
        const cents = 1000 + ((i * 733) % 9000);
        const cancelled = i === 5 || i === 13;
        sales.push({ customerId: customers[(i * 5) % customers.length]!, location, cents, cancelled });
        await sell({ customerId: customers[(i * 5) % customers.length]!, location, price: (cents / 100).toFixed(2), cancelled, processedAt: '2026-11-21T10:00:00Z' });
      }
      await drain();
      await postDueCredits(getDb(), { now: new Date('2030-01-01T00:00:00Z') });
      const response = await api().get('/api/locations/figures').set('Authorization', await as('1'));
      expect(response.status).toBe(200);
      const entries = await getDb().prisma.ledgerEntry.findMany({ where: { shopId: shop.id } });
      const records = await getDb().prisma.orderRecord.findMany({ where: { shopId: shop.id, cancelledAt: null } });
      for (const location of [CENTRUM, OOST, null]) {
        const row = response.body.items.find((item: { locationId: string | null }) => item.locationId === location);
        const at = entries.filter((entry) => entry.locationId === location);
        const ordersAt = records.filter((record) => record.locationId === location);
        const mine = sales.filter((sale) => sale.location === location && !sale.cancelled);
        expect(row).toMatchObject({
          earned: at.filter((e) => e.type === 'earn' && e.status === 'posted').reduce((sum, e) => sum + e.points, 0),
          pending: at.filter((e) => e.type === 'earn' && e.status === 'pending').reduce((sum, e) => sum + e.points, 0),
          orders: ordersAt.length,
          customers: new Set(ordersAt.map((record) => record.memberId)).size,
          revenueMinor: ordersAt.reduce((sum, record) => sum + Number(record.eligibleMinor), 0),
          currency: 'EUR',
        });
        // and from the sales themselves: this test's orders plus the single POS sale above at Centrum
        expect(row.orders).toBe(mine.length + (location === CENTRUM ? 1 : 0));
        expect(row.revenueMinor).toBe(mine.reduce((sum, sale) => sum + sale.cents, 0) + (location === CENTRUM ? 4000 : 0));
        expect(row.earned).toBe(mine.reduce((sum, sale) => sum + Math.floor(sale.cents / 100), 0) + (location === CENTRUM ? 40 : 0));
      }
      expect(response.body.items.find((item: { locationId: string | null }) => item.locationId === CENTRUM).name).toBe('Salon Centrum');
      const none = await api().get('/api/locations/figures').query({ from: '2026-11-22', to: '2026-11-23' }).set('Authorization', await as('1'));
      expect(none.body.items.every((item: { orders: number; earned: number }) => item.orders === 0 && item.earned === 0)).toBe(true);
    });
  });

  describe('staff limited to a location', () => {
    let atCentrum: { id: string };
    let atOost: { id: string };

    beforeAll(async () => {
      const centrumCustomer = ++customerSeq;
      const oostCustomer = ++customerSeq;
      await sell({ customerId: centrumCustomer, location: CENTRUM, price: '25.00' });
      await sell({ customerId: oostCustomer, location: OOST, price: '30.00' });
      await drain();
      atCentrum = await memberOf(centrumCustomer);
      atOost = await memberOf(oostCustomer);
      await getDb().prisma.member.update({ where: { id: atOost.id }, data: { firstName: 'Olga', lastName: 'Oostveen', email: 'olga@oost.example' } });
      const owner = await as('1');
      expect((await api().put('/api/staff/2').set('Authorization', owner).send({ role: 'staff', locationIds: [CENTRUM] })).status).toBe(200);
      expect((await api().put('/api/staff/3').set('Authorization', owner).send({ role: 'manager', locationIds: [CENTRUM] })).status).toBe(200);
    });

    it('refuses a location the shop does not have (400) and shows the limit on the staff page', async () => {
      const refused = await api().put('/api/staff/4').set('Authorization', await as('1')).send({ role: 'staff', locationIds: ['gid://shopify/Location/999'] });
      expect(refused.status).toBe(400);
      const list = await api().get('/api/staff').set('Authorization', await as('1'));
      expect(list.body.items.find((s: { userId: string }) => s.userId === '2').locationIds).toEqual([CENTRUM]);
      expect(list.body.items.find((s: { userId: string }) => s.userId === '4').locationIds).toEqual([]);
      expect((await api().get('/api/me').set('Authorization', await as('2'))).body.locationIds).toEqual([CENTRUM]);
    });

    it('lists and finds only members with activity at their locations', async () => {
      const limited = await as('2');
      const list = await api().get('/api/members').query({ limit: 100 }).set('Authorization', limited);
      const ids = list.body.items.map((m: { id: string }) => m.id);
      expect(ids).toContain(atCentrum.id);
      expect(ids).not.toContain(atOost.id);
      expect((await api().get('/api/members').query({ query: 'Oostveen' }).set('Authorization', limited)).body.items).toEqual([]);
      expect((await api().get('/api/members').query({ query: 'Oostveen' }).set('Authorization', await as('4'))).body.items.map((m: { id: string }) => m.id)).toEqual([atOost.id]);
    });

    it('answers 404 for another location\'s member on the member page and history, as for an unknown one', async () => {
      const limited = await as('2');
      const page = await api().get(`/api/members/${atOost.id}`).set('Authorization', limited);
      expect(page.status).toBe(404);
      const unknown = await api().get('/api/members/no-such-member').set('Authorization', limited);
      expect(page.body).toEqual(unknown.body);
      expect((await api().get(`/api/members/${atOost.id}/history`).set('Authorization', limited)).status).toBe(404);
      expect((await api().get(`/api/members/${atOost.id}/consents`).set('Authorization', limited)).status).toBe(404);
      expect((await api().get(`/api/members/${atCentrum.id}/consents`).set('Authorization', limited)).status).toBe(200);
      expect((await api().get(`/api/members/${atCentrum.id}`).set('Authorization', limited)).status).toBe(200);
      expect((await api().get(`/api/members/${atOost.id}`).set('Authorization', await as('4'))).status).toBe(200);
    });

    it('does not let them adjust another location\'s member (404, nothing changed), and records their adjustment at their location', async () => {
      const limited = await as('2');
      const before = await getDb().prisma.member.findUniqueOrThrow({ where: { id: atOost.id } });
      const refused = await api().post(`/api/members/${atOost.id}/adjustments`).set('Authorization', limited).send({ points: 5, description: 'Sorry', idempotencyKey: 'loc-1' });
      expect(refused.status).toBe(404);
      expect((await getDb().prisma.member.findUniqueOrThrow({ where: { id: atOost.id } })).balance).toBe(before.balance);
      expect(await getDb().prisma.ledgerEntry.count({ where: { shopId: shop.id, idempotencyKey: 'adjust:loc-1' } })).toBe(0);
      const done = await api().post(`/api/members/${atCentrum.id}/adjustments`).set('Authorization', limited).send({ points: 5, description: 'Welcome back', idempotencyKey: 'loc-2' });
      expect(done.status).toBe(201);
      expect(done.body.entry.locationId).toBe(CENTRUM);
    });

    it('scopes their report to their locations and answers 404 for another location\'s member', async () => {
      const limited = await as('2');
      const report = await api().get('/api/report').query({ pageSize: 200 }).set('Authorization', limited);
      expect(report.status).toBe(200);
      expect(report.body.items.length).toBeGreaterThan(0);
      expect(report.body.items.every((item: { locationId: string | null }) => item.locationId === CENTRUM)).toBe(true);
      expect(report.body.items.some((item: { memberId: string }) => item.memberId === atOost.id)).toBe(false);
      const everything = await api().get('/api/report').query({ pageSize: 200, locationId: CENTRUM }).set('Authorization', await as('1'));
      expect(report.body.total).toBe(everything.body.total);
      expect((await api().get('/api/report').query({ memberId: atOost.id }).set('Authorization', limited)).status).toBe(404);
      const options = await api().get('/api/report/filter-options').set('Authorization', limited);
      expect(options.body.locations.map((l: { id: string }) => l.id)).toEqual([CENTRUM]);
      const figures = await api().get('/api/locations/figures').set('Authorization', limited);
      expect(figures.body.items.map((row: { locationId: string }) => row.locationId)).toEqual([CENTRUM]);
    });

    it('scopes a limited manager\'s export and answers 404 for another location\'s member', async () => {
      const manager = await as('3');
      const csv = await api().get('/api/report/export').query({ format: 'csv' }).set('Authorization', manager).buffer(true).parse(text);
      expect(csv.status).toBe(200);
      const rows = parseCsv(csv.body as unknown as string).map((record) => record.fields);
      const header = rows.shift()!;
      const location = header.indexOf('Location');
      const member = header.findIndex((name) => /member id/i.test(name));
      expect(rows.length).toBeGreaterThan(0);
      // by name, not by id
      expect(rows.every((row) => row[location] === 'Salon Centrum')).toBe(true);
      expect(rows.some((row) => row[member] === atOost.id)).toBe(false);
      expect((await api().get('/api/report/export').query({ format: 'csv', memberId: atOost.id }).set('Authorization', manager)).status).toBe(404);
    });

    it('does not let them redeem a reward for another location\'s member (404)', async () => {
      const oost = await getDb().prisma.member.findUniqueOrThrow({ where: { id: atOost.id } });
      const reward = await api().post('/api/rewards').set('Authorization', await as('1'))
        .send({ title: 'Gift card €50', valueMinor: 5000, currency: 'EUR', pointsCost: 5000, stockLimit: null, expiresAfterDays: null, perCustomerLimit: null });
      expect(reward.status).toBe(201);
      const body = { customerId: oost.shopifyCustomerId, rewardId: reward.body.reward.id, idempotencyKey: 'loc-redeem-1' };
      expect((await api().post('/api/redemptions').set('Authorization', await as('2')).send(body)).status).toBe(404);
      // the same request from an unlimited user reaches the redemption (which refuses it: too few points)
      const unlimited = await api().post('/api/redemptions').set('Authorization', await as('4')).send({ ...body, idempotencyKey: 'loc-redeem-2' });
      expect(unlimited.status).not.toBe(404);
      expect(unlimited.status).toBeGreaterThanOrEqual(400);
      expect(await getDb().prisma.redemption.count({ where: { shopId: shop.id, status: { not: 'failed' } } })).toBe(0);
    });

    it('leaves another location\'s member out of a limited manager\'s bulk adjustment', async () => {
      const oostEmail = (await getDb().prisma.member.findUniqueOrThrow({ where: { id: atOost.id } })).email!;
      const preview = await api().post('/api/adjustments/bulk').set('Authorization', await as('3')).send({ csv: `customer,points,description\n${oostEmail},5,Gift`, dryRun: true });
      expect(preview.status).toBe(200);
      expect(preview.body.rows[0]).toMatchObject({ memberId: null, error: expect.stringContaining('No member matches') });
    });
  });
});
