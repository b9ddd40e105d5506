// The campaigns and expiry admin API: managers and owners only (staff 403, nothing changed), validation
// per kind (400, nothing stored), the on/off switch, the preview and the statistics.
import request from 'supertest';
import { runCampaigns } from '../../../web/core/campaigns/run-campaigns';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { createMember } from '../../fixtures/factories';
import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { createSimulatedShop } from '../rewards/rewards-fixtures';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('campaigns admin API', (getDb) => {
  let sim: ShopifySimulator;
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  const as = async (userId: string) => `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`;

  beforeAll(async () => {
    sim = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
    testApp = createTestApp(getDb(), { SHOPIFY_SIMULATOR_URL: sim.url });
    shop = await createSimulatedShop(getDb().prisma, sim);
    await saveOfflineSession(getDb().prisma, { shop: shop.domain, accessToken: sim.issueAccessToken(shop.domain), scope: null });
    // The first user of a shop is its owner; later ones start as staff; user 3 is made a manager.
    for (const user of ['1', '2', '3']) await request(testApp.app).get('/api/me').set('Authorization', await as(user)).expect(200);
    await getDb().prisma.staffMember.updateMany({ where: { shopId: shop.id, userId: '3' }, data: { role: 'manager' } });
  });
  afterAll(async () => sim.close());

  const winBack = { kind: 'win_back', name: 'We miss you', points: 25, sendMessage: true, settings: { daysWithoutVisit: 60 } };

  it('refuses staff every campaign route (403) and creates nothing', async () => {
    const staff = await as('2');
    expect((await request(testApp.app).post('/api/campaigns').set('Authorization', staff).send(winBack)).status).toBe(403);
    expect((await request(testApp.app).get('/api/campaigns').set('Authorization', staff)).status).toBe(403);
    expect((await request(testApp.app).post('/api/campaigns/preview').set('Authorization', staff).send({ campaign: winBack })).status).toBe(403);
    expect(await getDb().prisma.campaign.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it('refuses staff a double-points multiplier (403) and lets a manager create one', async () => {
    const body = { name: 'Double weekend', startsAt: '2026-12-05T00:00:00Z', endsAt: '2026-12-07T00:00:00Z', multiplierPercent: 200 };
    expect((await request(testApp.app).post('/api/multipliers').set('Authorization', await as('2')).send(body)).status).toBe(403);
    expect(await getDb().prisma.earnMultiplier.count({ where: { shopId: shop.id } })).toBe(0);
    expect((await request(testApp.app).post('/api/multipliers').set('Authorization', await as('3')).send(body)).status).toBe(201);
  });

  it('refuses bad settings per kind with a 400 and stores nothing', async () => {
    const manager = await as('3');
    for (const body of [
      { ...winBack, settings: {} },
      { ...winBack, settings: { daysWithoutVisit: 1 } },
      { kind: 'nth_visit', name: 'Every visit', points: 5, settings: { everyVisits: 1 } },
      { kind: 'birthday', name: 'Nothing', points: 0, sendMessage: false },
      { kind: 'lottery', name: 'Unknown kind', points: 5 },
      { ...winBack, points: -5 },
      { ...winBack, audienceGroupId: 'no-such-group' },
    ]) {
      const response = await request(testApp.app).post('/api/campaigns').set('Authorization', manager).send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    expect(await getDb().prisma.campaign.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it('lets a manager create, preview, switch on and read the statistics of a campaign, with audit rows', async () => {
    const db = getDb();
    const manager = await as('3');
    const lapsed = await createMember(db.prisma, shop.id, { firstName: 'Lapsed' });
    await db.prisma.member.update({ where: { id: lapsed.id }, data: { lastVisitAt: new Date(Date.now() - 90 * 86_400_000) } });
    const created = await request(testApp.app).post('/api/campaigns').set('Authorization', manager).send(winBack);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'win_back', enabled: false, points: 25, messageEvent: 'win_back', settings: { daysWithoutVisit: 60 }, stats: { membersReached: 0 } });
    const preview = await request(testApp.app).post('/api/campaigns/preview').set('Authorization', manager).send({ campaignId: created.body.id, campaign: winBack });
    expect(preview.body).toEqual({ count: 1, sample: [{ id: lapsed.id, name: 'Lapsed de Vries', email: lapsed.email }] });

    const switched = await request(testApp.app).patch(`/api/campaigns/${created.body.id}`).set('Authorization', manager).send({ enabled: true });
    expect(switched.body).toMatchObject({ enabled: true, points: 25, activeSince: expect.any(String) });
    expect((await request(testApp.app).patch(`/api/campaigns/${created.body.id}`).set('Authorization', manager).send({ kind: 'birthday' })).status).toBe(400);
    await runCampaigns(db, { now: new Date(), shopId: shop.id });
    await db.prisma.orderRecord.create({ data: { shopId: shop.id, shopifyOrderId: 'gid://shopify/Order/1', memberId: lapsed.id, currency: 'EUR', eligibleMinor: 4500n, processedAt: new Date(), shopifyUpdatedAt: new Date(), paidAt: new Date(Date.now() + 1000) } });
    const list = await request(testApp.app).get('/api/campaigns').set('Authorization', manager);
    expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, stats: { membersReached: 1, deliveries: 1, pointsGiven: 25, revenueAfterMinor: 4500, currency: 'EUR' } })]);
    expect(await db.prisma.staffAction.count({ where: { shopId: shop.id, userId: '3', action: { in: ['campaign.create', 'campaign.update'] } } })).toBe(2);
  });

  it('lets a manager set the expiry rule and reverse an expiry; staff get 403', async () => {
    const db = getDb();
    expect((await request(testApp.app).put('/api/settings/expiry').set('Authorization', await as('2')).send({ enabled: true, inactivityMonths: 6, warningDays: 14 })).status).toBe(403);
    expect((await request(testApp.app).get('/api/settings/expiry').set('Authorization', await as('2'))).body).toEqual({ enabled: false, inactivityMonths: 12, warningDays: 30 });
    const saved = await request(testApp.app).put('/api/settings/expiry').set('Authorization', await as('3')).send({ enabled: true, inactivityMonths: 6, warningDays: 14 });
    expect(saved.body).toEqual({ enabled: true, inactivityMonths: 6, warningDays: 14 });
    expect((await request(testApp.app).put('/api/settings/expiry').set('Authorization', await as('3')).send({ inactivityMonths: 'six' })).status).toBe(400);

    const member = await createMember(db.prisma, shop.id);
    const expired = await db.prisma.ledgerEntry.create({ data: { shopId: shop.id, memberId: member.id, type: 'expire', status: 'posted', points: -40, description: 'Expired', sourceType: 'job', sourceId: 'points-expiry', idempotencyKey: `expire:${member.id}:1`, postedAt: new Date() } });
    const path = `/api/members/${member.id}/entries/${expired.id}/reverse-expiry`;
    expect((await request(testApp.app).post(path).set('Authorization', await as('2'))).status).toBe(403);
    const reversed = await request(testApp.app).post(path).set('Authorization', await as('3'));
    expect(reversed.status).toBe(201);
    expect(reversed.body).toMatchObject({ points: 40, balance: 40 });
    expect((await request(testApp.app).post(path).set('Authorization', await as('3'))).status).toBe(409);
  });
});
