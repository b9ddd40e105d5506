// Customer groups and tiers through the admin API (issue 15): validation, roles, shop isolation, tiers,
// the default group, benefits, archiving, and the audit rows and queued re-evaluation each save leaves.
import request from 'supertest';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createShop } from '../../fixtures/factories';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

const VIP_RULES = { combinator: 'and', conditions: [{ kind: 'spend', window: { type: 'lifetime' }, op: 'gt', amountMinor: 100_000 }] };

describeEachDatabase('customer groups API', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  let otherShop: { id: string; domain: string };
  const as = async (userId: string, domain = shop.domain) => `Bearer ${await mintSessionToken({ shop: domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`;
  const api = () => request(testApp.app);
  const OWNER = '1';
  const STAFF = '2';
  const MANAGER = '3';
  const groupCount = () => getDb().prisma.customerGroup.count({ where: { shopId: shop.id } });
  const create = async (body: object, user = MANAGER) => api().post('/api/groups').set('Authorization', await as(user)).send(body);

  beforeAll(async () => {
    const db = getDb();
    testApp = createTestApp(db);
    shop = await createShop(db.prisma, { currency: 'EUR' });
    otherShop = await createShop(db.prisma);
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'offline', scope: null });
    await saveOfflineSession(db.prisma, { shop: otherShop.domain, accessToken: 'offline', scope: null });
    await api().get('/api/me').set('Authorization', await as(OWNER));
    await api().get('/api/me').set('Authorization', await as(STAFF));
    await api().get('/api/me').set('Authorization', await as(MANAGER));
    expect((await api().put(`/api/staff/${MANAGER}`).set('Authorization', await as(OWNER)).send({ role: 'manager' })).status).toBe(200);
    await api().get('/api/me').set('Authorization', await as(OWNER, otherShop.domain));
  });

  it('lets staff read groups but not create, change or archive them (403)', async () => {
    const staff = await as(STAFF);
    expect((await api().get('/api/groups').set('Authorization', staff)).status).toBe(200);
    expect((await api().post('/api/groups').set('Authorization', staff).send({ name: 'Regulars', kind: 'manual' })).status).toBe(403);
    const created = await create({ name: 'Staff picks', kind: 'manual' });
    expect(created.status).toBe(201);
    expect((await api().patch(`/api/groups/${created.body.id}`).set('Authorization', staff).send({ name: 'Mine' })).status).toBe(403);
    expect((await api().delete(`/api/groups/${created.body.id}`).set('Authorization', staff)).status).toBe(403);
    expect((await api().get(`/api/groups/${created.body.id}`).set('Authorization', staff)).status).toBe(200);
  });

  it('creates a manual group with its audit row and answers the view', async () => {
    const response = await create({ name: 'Regulars', description: 'Every week', colour: '#1F8A70', kind: 'manual' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'Regulars', description: 'Every week', colour: '#1f8a70', kind: 'manual', rules: null, tier: null, isDefault: false, memberCount: 0, benefit: { kind: 'none' } });
    const audit = await getDb().prisma.staffAction.findMany({ where: { shopId: shop.id, action: 'group.create', target: response.body.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.userId).toBe(MANAGER);
  });

  it.each([
    ['no name', { name: '  ', kind: 'manual' }],
    ['a colour that is not #rrggbb', { name: 'Bad colour', kind: 'manual', colour: 'red' }],
    ['an unknown kind', { name: 'Odd', kind: 'smart' }],
    ['rules on a manual group', { name: 'Manual with rules', kind: 'manual', rules: VIP_RULES }],
    ['an automatic group without rules', { name: 'Empty rules', kind: 'automatic' }],
    ['a rule tree that is not valid', { name: 'Bad rules', kind: 'automatic', rules: { combinator: 'xor', conditions: [] } }],
    ['a default automatic group', { name: 'Auto default', kind: 'automatic', rules: VIP_RULES, isDefault: true }],
    ['a multiplier below 100 %', { name: 'Low bonus', kind: 'manual', benefit: { kind: 'bonus', multiplierPercent: 99 } }],
    ['a multiplier above 1000 %', { name: 'High bonus', kind: 'manual', benefit: { kind: 'bonus', multiplierPercent: 1001 } }],
    ['a bonus with both a multiplier and spend tiers', { name: 'Both', kind: 'manual', benefit: { kind: 'bonus', multiplierPercent: 150, spendTiers: [{ fromMinor: 0, basisPoints: 200 }] } }],
    ['spend tiers out of order', { name: 'Tiers', kind: 'manual', benefit: { kind: 'bonus', spendTiers: [{ fromMinor: 0, basisPoints: 200 }, { fromMinor: 0, basisPoints: 300 }] } }],
    ['a discount of 0 %', { name: 'No discount', kind: 'manual', benefit: { kind: 'discount', discountPercent: 0 } }],
    ['a discount of 101 %', { name: 'Too much', kind: 'manual', benefit: { kind: 'discount', discountPercent: 101 } }],
    ['a discount without a percentage', { name: 'Missing', kind: 'manual', benefit: { kind: 'discount' } }],
    ['an unknown field', { name: 'Extra', kind: 'manual', priority: 1 }],
  ])('refuses %s with 400 and creates nothing', async (_case, body) => {
    const before = await groupCount();
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION');
    expect(response.body.error.message).toEqual(expect.any(String));
    expect(await groupCount()).toBe(before);
  });

  it('refuses a second group of the same name, whatever its case (409)', async () => {
    await create({ name: 'Weekend', kind: 'manual' });
    const before = await groupCount();
    const response = await create({ name: 'WEEKEND', kind: 'manual' });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/already exists/);
    expect(await groupCount()).toBe(before);
    const other = await create({ name: 'Other', kind: 'manual' });
    expect((await api().patch(`/api/groups/${other.body.id}`).set('Authorization', await as(MANAGER)).send({ name: 'weekend' })).status).toBe(409);
  });

  it('refuses a name that would share another group\'s Shopify tag ("Sunday club" and "sunday-club!") (409)', async () => {
    await create({ name: 'Sunday club', kind: 'manual' });
    const before = await groupCount();
    const response = await create({ name: 'sunday-club!', kind: 'manual' });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/same Shopify customer tag/);
    expect(await groupCount()).toBe(before);
  });

  it('accepts the benefits of seed 001: a spend-tier table, a multiplier and a discount', async () => {
    const table = await create({ name: 'Bonus table', kind: 'manual', benefit: { kind: 'bonus', spendTiers: [{ fromMinor: 0, basisPoints: 200 }, { fromMinor: 100_000, basisPoints: 300 }, { fromMinor: 300_000, basisPoints: 500 }] } });
    expect(table.status).toBe(201);
    expect(table.body.benefit).toEqual({ kind: 'bonus', multiplierPercent: null, spendTiers: [{ fromMinor: 0, basisPoints: 200 }, { fromMinor: 100_000, basisPoints: 300 }, { fromMinor: 300_000, basisPoints: 500 }], discountPercent: null });
    const multiplier = await create({ name: 'Double', kind: 'manual', benefit: { kind: 'bonus', multiplierPercent: 200 } });
    expect(multiplier.body.benefit).toMatchObject({ kind: 'bonus', multiplierPercent: 200 });
    const discount = await create({ name: 'Ten off', kind: 'manual', benefit: { kind: 'discount', discountPercent: 10 } });
    expect(discount.body.benefit).toMatchObject({ kind: 'discount', discountPercent: 10 });
    const none = await api().patch(`/api/groups/${discount.body.id}`).set('Authorization', await as(MANAGER)).send({ benefit: { kind: 'none' } });
    expect(none.body.benefit).toEqual({ kind: 'none', multiplierPercent: null, spendTiers: [], discountPercent: null });
  });

  it('creates an automatic group and queues the shop\'s re-evaluation once', async () => {
    const db = getDb();
    await db.prisma.task.deleteMany({ where: { shopDomain: shop.domain, kind: 'reevaluate-groups' } });
    const vip = await create({ name: 'VIP', kind: 'automatic', rules: VIP_RULES });
    expect(vip.status).toBe(201);
    expect(vip.body.rules).toEqual(VIP_RULES);
    const renamed = await api().patch(`/api/groups/${vip.body.id}`).set('Authorization', await as(MANAGER)).send({ rules: { combinator: 'or', conditions: [VIP_RULES, { kind: 'last_visit', when: 'more_than_days_ago', days: 30 }] } });
    expect(renamed.status).toBe(200);
    const tasks = await db.prisma.task.findMany({ where: { shopDomain: shop.domain, kind: 'reevaluate-groups' } });
    // Two saves before a worker ran: one queued task does for both.
    expect(tasks).toHaveLength(1);
    expect(JSON.parse(tasks[0]!.payload)).toEqual({ shopId: shop.id });
    expect((await api().patch(`/api/groups/${vip.body.id}`).set('Authorization', await as(MANAGER)).send({ rules: null })).status).toBe(400);
  });

  it('keeps one default group: choosing another clears the first in the same change', async () => {
    const first = await create({ name: 'New customers', kind: 'manual', isDefault: true });
    const second = await create({ name: 'Newcomers 2', kind: 'manual' });
    const switched = await api().patch(`/api/groups/${second.body.id}`).set('Authorization', await as(MANAGER)).send({ isDefault: true });
    expect(switched.body.isDefault).toBe(true);
    const defaults = await getDb().prisma.customerGroup.findMany({ where: { shopId: shop.id, isDefault: true } });
    expect(defaults.map((group) => group.id)).toEqual([second.body.id]);
    expect((await api().get(`/api/groups/${first.body.id}`).set('Authorization', await as(STAFF))).body.isDefault).toBe(false);
  });

  describe('tiers', () => {
    const tier = (threshold: number, metric = 'spend', period = 'calendar_year') => ({ metric, threshold, period });
    let silver: string;
    let gold: string;
    let platinum: string;

    it('appends tiers with strictly rising thresholds and ranks 1..n', async () => {
      silver = (await create({ name: 'Silver', kind: 'automatic', tier: tier(100_000), benefit: { kind: 'discount', discountPercent: 10 } })).body.id;
      const goldResponse = await create({ name: 'Gold', kind: 'automatic', tier: tier(300_000), benefit: { kind: 'discount', discountPercent: 20 } });
      expect(goldResponse.status).toBe(201);
      gold = goldResponse.body.id;
      expect(goldResponse.body.tier).toEqual({ rank: 2, metric: 'spend', threshold: 300_000, period: 'calendar_year' });
      expect(goldResponse.body.rules).toBeNull();
    });

    it.each([
      ['a threshold not above the highest tier', { name: 'Bronze', kind: 'automatic', tier: { metric: 'spend', threshold: 300_000, period: 'calendar_year' } }],
      ['another metric than the other tiers', { name: 'Points tier', kind: 'automatic', tier: { metric: 'points_earned', threshold: 900_000, period: 'calendar_year' } }],
      ['another period than the other tiers', { name: 'Rolling tier', kind: 'automatic', tier: { metric: 'spend', threshold: 900_000, period: 'rolling_12_months' } }],
      ['a manual tier', { name: 'Manual tier', kind: 'manual', tier: { metric: 'spend', threshold: 900_000, period: 'calendar_year' } }],
      ['a tier with rules', { name: 'Ruled tier', kind: 'automatic', rules: VIP_RULES, tier: { metric: 'spend', threshold: 900_000, period: 'calendar_year' } }],
      ['a tier without a metric', { name: 'No metric', kind: 'automatic', tier: { threshold: 900_000, period: 'calendar_year' } }],
    ])('refuses %s (400)', async (_case, body) => {
      const before = await groupCount();
      expect((await create(body)).status).toBe(400);
      expect(await groupCount()).toBe(before);
    });

    it('refuses a threshold change that breaks the order, and accepts one that keeps it', async () => {
      const manager = await as(MANAGER);
      expect((await api().patch(`/api/groups/${silver}`).set('Authorization', manager).send({ tier: tier(400_000) })).status).toBe(400);
      const ok = await api().patch(`/api/groups/${silver}`).set('Authorization', manager).send({ tier: tier(150_000) });
      expect(ok.status).toBe(200);
      expect(ok.body.tier).toEqual({ rank: 1, metric: 'spend', threshold: 150_000, period: 'calendar_year' });
      expect((await api().get(`/api/groups/${gold}`).set('Authorization', manager)).body.tier.rank).toBe(2);
    });

    it('reorders tiers with new thresholds, metric and period in one change', async () => {
      platinum = (await create({ name: 'Platinum', kind: 'automatic', tier: tier(500_000) })).body.id;
      const manager = await as(MANAGER);
      const refused = await api().put('/api/groups/tiers').set('Authorization', manager).send({ metric: 'spend', period: 'calendar_year', tiers: [{ groupId: gold, threshold: 100_000 }, { groupId: silver, threshold: 50_000 }, { groupId: platinum, threshold: 500_000 }] });
      expect(refused.status).toBe(400);
      const missing = await api().put('/api/groups/tiers').set('Authorization', manager).send({ metric: 'spend', period: 'calendar_year', tiers: [{ groupId: gold, threshold: 100_000 }] });
      expect(missing.status).toBe(400);
      const staff = await api().put('/api/groups/tiers').set('Authorization', await as(STAFF)).send({ metric: 'points_earned', period: 'rolling_12_months', tiers: [{ groupId: gold, threshold: 1 }, { groupId: silver, threshold: 2 }, { groupId: platinum, threshold: 3 }] });
      expect(staff.status).toBe(403);
      const moved = await api().put('/api/groups/tiers').set('Authorization', manager).send({ metric: 'points_earned', period: 'rolling_12_months', tiers: [{ groupId: gold, threshold: 1000 }, { groupId: silver, threshold: 2000 }, { groupId: platinum, threshold: 5000 }] });
      expect(moved.status).toBe(200);
      expect(moved.body.items.map((g: { name: string; tier: { rank: number; threshold: number; metric: string } }) => [g.name, g.tier.rank, g.tier.threshold, g.tier.metric])).toEqual([
        ['Gold', 1, 1000, 'points_earned'], ['Silver', 2, 2000, 'points_earned'], ['Platinum', 3, 5000, 'points_earned'],
      ]);
    });

    it('closes the gap in the ranks when a tier is archived', async () => {
      expect((await api().delete(`/api/groups/${silver}`).set('Authorization', await as(MANAGER))).status).toBe(204);
      const tiers = (await api().get('/api/groups').set('Authorization', await as(STAFF))).body.items.filter((g: { tier: unknown }) => g.tier);
      expect(tiers.map((g: { name: string; tier: { rank: number } }) => [g.name, g.tier.rank])).toEqual([['Gold', 1], ['Platinum', 2]]);
    });
  });

  it('archives a group: members leave it with history rows, and its name is free again', async () => {
    const db = getDb();
    const group = (await create({ name: 'Closing soon', kind: 'manual' })).body;
    const members = await Promise.all([1, 2].map((n) => db.prisma.member.create({ data: { shopId: shop.id, shopifyCustomerId: `gid://shopify/Customer/7${n}`, firstName: `Member ${n}` } })));
    expect((await api().post(`/api/groups/${group.id}/members`).set('Authorization', await as(MANAGER)).send({ memberIds: members.map((m) => m.id) })).status).toBe(200);
    expect((await api().delete(`/api/groups/${group.id}`).set('Authorization', await as(MANAGER))).status).toBe(204);
    expect(await db.prisma.groupMember.count({ where: { groupId: group.id } })).toBe(0);
    const left = await db.prisma.groupMembershipEvent.findMany({ where: { groupId: group.id, change: 'left' } });
    expect(left.map((event) => [event.reason, event.detail]).sort()).toEqual([['group_archived', MANAGER], ['group_archived', MANAGER]]);
    expect((await api().get(`/api/groups/${group.id}`).set('Authorization', await as(STAFF))).status).toBe(404);
    expect((await create({ name: 'Closing soon', kind: 'manual' })).status).toBe(201);
    expect(await db.prisma.staffAction.count({ where: { shopId: shop.id, action: 'group.archive', target: group.id } })).toBe(1);
  });

  it('keeps one name, one default group and consecutive tier ranks when staff save at the same time', async () => {
    const busy = await createShop(getDb().prisma, { currency: 'EUR' });
    await saveOfflineSession(getDb().prisma, { shop: busy.domain, accessToken: 'offline', scope: null });
    const owner = await as(OWNER, busy.domain);
    await api().get('/api/me').set('Authorization', owner);
    const post = (body: object) => api().post('/api/groups').set('Authorization', owner).send(body);

    const sameName = await Promise.all([1, 2, 3].map(() => post({ name: 'Twins', kind: 'manual' })));
    expect(sameName.map((r) => r.status).sort()).toEqual([201, 409, 409]);

    await Promise.all([1, 2, 3, 4].map((n) => post({ name: `Default ${n}`, kind: 'manual', isDefault: true })));
    expect(await getDb().prisma.customerGroup.count({ where: { shopId: busy.id, isDefault: true } })).toBe(1);

    const tiers = await Promise.all([1, 2, 3, 4, 5].map((n) => post({ name: `Tier ${n}`, kind: 'automatic', tier: { metric: 'spend', threshold: n * 10_000, period: 'calendar_year' } })));
    expect(tiers.every((r) => r.status === 201 || r.status === 400)).toBe(true);
    const ladder = await getDb().prisma.customerGroup.findMany({ where: { shopId: busy.id, tierRank: { not: null } }, orderBy: { tierRank: 'asc' } });
    expect(ladder.map((g) => g.tierRank)).toEqual(ladder.map((_, i) => i + 1));
    expect(ladder.length).toBe(tiers.filter((r) => r.status === 201).length);
    const thresholds = ladder.map((g) => Number(g.tierThreshold));
    expect(thresholds).toEqual([...thresholds].sort((a, b) => a - b));
    expect(new Set(thresholds).size).toBe(thresholds.length);
  });

  it("keeps another shop's groups invisible (404) and out of its list", async () => {
    const foreign = await api().post('/api/groups').set('Authorization', await as(OWNER, otherShop.domain)).send({ name: 'Foreign', kind: 'manual' });
    expect(foreign.status).toBe(201);
    const manager = await as(MANAGER);
    expect((await api().get(`/api/groups/${foreign.body.id}`).set('Authorization', manager)).status).toBe(404);
    expect((await api().patch(`/api/groups/${foreign.body.id}`).set('Authorization', manager).send({ name: 'Mine now' })).status).toBe(404);
    expect((await api().delete(`/api/groups/${foreign.body.id}`).set('Authorization', manager)).status).toBe(404);
    const member = await getDb().prisma.member.create({ data: { shopId: shop.id, shopifyCustomerId: 'gid://shopify/Customer/81' } });
    expect((await api().post(`/api/groups/${foreign.body.id}/members`).set('Authorization', manager).send({ memberIds: [member.id] })).status).toBe(404);
    const list = await api().get('/api/groups').set('Authorization', manager);
    expect(list.body.items.map((g: { name: string }) => g.name)).not.toContain('Foreign');
    expect((await getDb().prisma.customerGroup.findUnique({ where: { id: foreign.body.id } }))?.name).toBe('Foreign');
  });
});
