// "The shop's first user is its owner" must hold when many users open the app at the same moment.
import request from 'supertest';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { resolveStaffMember } from '../../../web/core/staff/resolve-staff-member';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createShop } from '../../fixtures/factories';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('first user becomes owner', (getDb) => {
  it('makes exactly one owner out of 20 simultaneous first requests by different users', async () => {
    const db = getDb();
    const { app } = createTestApp(db);
    const shop = await createShop(db.prisma);
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'token', scope: 'read_orders' });
    const userIds = Array.from({ length: 20 }, (_, i) => String(1000 + i));
    const answers = await Promise.all(userIds.map(async (userId) => request(app)
      .get('/api/me')
      .set('Authorization', `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`)));
    expect(answers.map((answer) => answer.status)).toEqual(userIds.map(() => 200));
    const rows = await db.prisma.staffMember.findMany({ where: { shopId: shop.id } });
    expect(rows).toHaveLength(20);
    expect(rows.filter((row) => row.role === 'owner')).toHaveLength(1);
  });

  it('makes exactly one owner when 20 users are first seen at the same moment (no request parsing in between)', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const identities = await Promise.all(Array.from({ length: 20 }, (_, i) => resolveStaffMember(db, shop.id, String(2000 + i))));
    expect(identities.filter((identity) => identity.role === 'owner')).toHaveLength(1);
    expect(await db.prisma.staffMember.count({ where: { shopId: shop.id, role: 'owner' } })).toBe(1);
  });

  it('keeps one row for the same user sending 10 first requests at once', async () => {
    const db = getDb();
    const { app } = createTestApp(db);
    const shop = await createShop(db.prisma);
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'token', scope: 'read_orders' });
    const token = await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId: '7' });
    const answers = await Promise.all(Array.from({ length: 10 }, () => request(app).get('/api/me').set('Authorization', `Bearer ${token}`)));
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    expect(await db.prisma.staffMember.count({ where: { shopId: shop.id } })).toBe(1);
  });
});
