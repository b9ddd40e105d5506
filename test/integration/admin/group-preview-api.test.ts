// POST /api/groups/preview: the rule builder's live count — managers and owners only, bad rules are a
// 400 with zod's message, another shop's members never count, and nothing is stored.
import request from 'supertest';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createShop } from '../../fixtures/factories';
import { createGroupMember } from '../../fixtures/group-facts';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('group rules preview API', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  const as = async (userId: string) => `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`;
  const vip = { combinator: 'and', conditions: [{ kind: 'spend', window: { type: 'lifetime' }, op: 'gt', amountMinor: 100_000 }] };

  beforeAll(async () => {
    const db = getDb();
    testApp = createTestApp(db);
    shop = await createShop(db.prisma);
    const other = await createShop(db.prisma);
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'offline', scope: null });
    for (const spend of [99_999, 100_001, 250_000]) await createGroupMember(db.prisma, shop.id, { lifetimeSpendMinor: spend, firstName: `Spent ${spend}` });
    await createGroupMember(db.prisma, other.id, { lifetimeSpendMinor: 500_000 });
    // First user: owner; then staff, promoted to manager by the owner for user 3.
    await request(testApp.app).get('/api/me').set('Authorization', await as('1')).expect(200);
    await request(testApp.app).get('/api/me').set('Authorization', await as('2')).expect(200);
    await request(testApp.app).get('/api/me').set('Authorization', await as('3')).expect(200);
    await request(testApp.app).put('/api/staff/3').set('Authorization', await as('1')).send({ role: 'manager', adjustLimit: null }).expect(200);
  });

  it('counts the matching members of this shop and shows the first ones, for managers and owners', async () => {
    for (const user of ['1', '3']) {
      const response = await request(testApp.app).post('/api/groups/preview').set('Authorization', await as(user)).send({ rules: vip });
      expect(response.status).toBe(200);
      expect(response.body.count).toBe(2);
      expect(response.body.sample.map((m: { firstName: string }) => m.firstName).sort()).toEqual(['Spent 100001', 'Spent 250000']);
    }
  });

  it('refuses staff (403)', async () => {
    expect((await request(testApp.app).post('/api/groups/preview').set('Authorization', await as('2')).send({ rules: vip })).status).toBe(403);
  });

  it('answers bad rules with 400 and the reason, and stores nothing', async () => {
    const before = await getDb().prisma.customerGroup.count();
    const deep = { combinator: 'and', conditions: [{ combinator: 'or', conditions: [{ combinator: 'and', conditions: [{ combinator: 'or', conditions: [{ kind: 'points_balance', op: 'gt', points: 1 }] }] }] }] };
    const tooDeep = await request(testApp.app).post('/api/groups/preview').set('Authorization', await as('1')).send({ rules: deep });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error.message).toContain('nested at most 3 levels');
    const unknown = await request(testApp.app).post('/api/groups/preview').set('Authorization', await as('1')).send({ rules: { combinator: 'and', conditions: [{ kind: 'zodiac', sign: 'leo' }] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION');
    expect((await request(testApp.app).post('/api/groups/preview').set('Authorization', await as('1')).send({})).status).toBe(400);
    expect(await getDb().prisma.customerGroup.count()).toBe(before);
    expect(await getDb().prisma.groupMembershipEvent.count()).toBe(0);
  });
});
