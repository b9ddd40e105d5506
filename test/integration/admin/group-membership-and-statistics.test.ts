// Manual membership (one, a selection, a CSV), its history, a member's groups, the statistics per group
// and the group filter of the members list, the points report and its export (issue 15 items 1, 5, 6).
import request from 'supertest';
import { parseCsv } from '../../../web/core/adjustments/parse-csv';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createShop } from '../../fixtures/factories';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('group membership, statistics and the group filter', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  let otherShop: { id: string; domain: string };
  const people: Record<string, { id: string; shopifyCustomerId: string }> = {};
  let regulars: string;
  const as = async (userId: string, domain = shop.domain) => `Bearer ${await mintSessionToken({ shop: domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`;
  const api = () => request(testApp.app);
  const OWNER = '1';
  const STAFF = '2';
  const history = (groupId: string) => getDb().prisma.groupMembershipEvent.findMany({ where: { groupId }, orderBy: { occurredAt: 'asc' } });

  beforeAll(async () => {
    const db = getDb();
    testApp = createTestApp(db);
    shop = await createShop(db.prisma, { currency: 'EUR', ianaTimezone: 'Europe/Amsterdam' });
    otherShop = await createShop(db.prisma);
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'offline', scope: null });
    await api().get('/api/me').set('Authorization', await as(OWNER));
    await api().get('/api/me').set('Authorization', await as(STAFF));
    const rows = [
      ['anna', 'Anna', 'Anna@Example.com', 1200],
      ['bram', 'Bram', 'bram@example.com', 300],
      ['cato', 'Cato', 'cato@example.com', 0],
      ['dirk', 'Dirk', 'dirk@example.com', 50],
      ['twin1', 'Kim', 'twin@example.com', 0],
      ['twin2', 'Kim', 'twin@example.com', 0],
    ] as const;
    let n = 4100;
    for (const [key, firstName, email, balance] of rows) {
      n += 1;
      people[key] = await db.prisma.member.create({ data: { shopId: shop.id, shopifyCustomerId: `gid://shopify/Customer/${n}`, firstName, lastName: 'Test', email, balance } });
    }
    people.foreign = await db.prisma.member.create({ data: { shopId: otherShop.id, shopifyCustomerId: 'gid://shopify/Customer/4100', firstName: 'Foreign', email: 'foreign@example.com' } });
    regulars = (await api().post('/api/groups').set('Authorization', await as(OWNER)).send({ name: 'Regulars', kind: 'manual' })).body.id;
  });

  it('adds and removes members one at a time or as a selection, idempotently, each change with one history row', async () => {
    const owner = await as(OWNER);
    const added = await api().post(`/api/groups/${regulars}/members`).set('Authorization', owner).send({ memberIds: [people.anna!.id, people.bram!.id] });
    expect(added.body).toEqual({ changed: 2, unchanged: 0, memberCount: 2 });
    const again = await api().post(`/api/groups/${regulars}/members`).set('Authorization', owner).send({ memberIds: [people.anna!.id] });
    expect(again.body).toEqual({ changed: 0, unchanged: 1, memberCount: 2 });
    expect((await history(regulars)).map((e) => [e.memberId, e.change, e.reason, e.detail])).toEqual(
      expect.arrayContaining([[people.anna!.id, 'joined', 'staff', OWNER], [people.bram!.id, 'joined', 'staff', OWNER]]),
    );
    expect(await history(regulars)).toHaveLength(2);

    expect((await api().delete(`/api/groups/${regulars}/members/${people.bram!.id}`).set('Authorization', owner)).body).toEqual({ changed: 1, unchanged: 0, memberCount: 1 });
    expect((await api().delete(`/api/groups/${regulars}/members/${people.bram!.id}`).set('Authorization', owner)).body).toEqual({ changed: 0, unchanged: 1, memberCount: 1 });
    const events = await history(regulars);
    expect(events).toHaveLength(3);
    expect(events.filter((e) => e.change === 'left').map((e) => [e.memberId, e.reason])).toEqual([[people.bram!.id, 'staff']]);
    expect((await getDb().prisma.customerGroup.findUnique({ where: { id: regulars } }))?.memberCount).toBe(1);
    expect(await getDb().prisma.staffAction.count({ where: { shopId: shop.id, action: { in: ['group.members.add', 'group.members.remove'] }, target: regulars } })).toBe(2);
  });

  it('refuses staff (403), members of another shop (404) and changes to an automatic group (409), changing nothing', async () => {
    const before = await getDb().prisma.groupMember.count({ where: { shopId: shop.id } });
    expect((await api().post(`/api/groups/${regulars}/members`).set('Authorization', await as(STAFF)).send({ memberIds: [people.cato!.id] })).status).toBe(403);
    const foreign = await api().post(`/api/groups/${regulars}/members`).set('Authorization', await as(OWNER)).send({ memberIds: [people.cato!.id, people.foreign!.id] });
    expect(foreign.status).toBe(404);
    const automatic = await api().post('/api/groups').set('Authorization', await as(OWNER)).send({ name: 'Big spenders', kind: 'automatic', rules: { combinator: 'and', conditions: [{ kind: 'points_balance', op: 'gte', points: 1000 }] } });
    const refused = await api().post(`/api/groups/${automatic.body.id}/members`).set('Authorization', await as(OWNER)).send({ memberIds: [people.cato!.id] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/automatic/);
    expect((await api().post(`/api/groups/${regulars}/members`).set('Authorization', await as(OWNER)).send({ memberIds: [] })).status).toBe(400);
    expect(await getDb().prisma.groupMember.count({ where: { shopId: shop.id } })).toBe(before);
  });

  it('checks a CSV row by row in a dry run, refuses to apply it with a bad row, and applies a clean one', async () => {
    const owner = await as(OWNER);
    const csv = ['customer', 'anna@example.com', people.cato!.shopifyCustomerId, people.dirk!.shopifyCustomerId.replace('gid://shopify/Customer/', ''), 'nobody@example.com', 'twin@example.com', 'not a customer', 'CATO@example.com'].join('\n');
    const before = await history(regulars);
    const dry = await api().post(`/api/groups/${regulars}/members/import`).set('Authorization', owner).send({ csv, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ valid: false, applied: false, added: 0 });
    expect(dry.body.rows.map((row: { line: number; memberName: string | null; alreadyMember: boolean; error: string | null }) => [row.line, row.memberName, row.alreadyMember, row.error])).toEqual([
      [2, 'Anna Test', true, null],
      [3, 'Cato Test', false, null],
      [4, 'Dirk Test', false, null],
      [5, null, false, 'No member matches "nobody@example.com".'],
      [6, null, false, '"twin@example.com" matches 2 members; use the Shopify customer id.'],
      [7, null, false, 'Use an e-mail address or a Shopify customer id.'],
      [8, 'Cato Test', false, 'The same member as on line 3.'],
    ]);
    const refused = await api().post(`/api/groups/${regulars}/members/import`).set('Authorization', owner).send({ csv, dryRun: false });
    expect(refused.body).toMatchObject({ valid: false, applied: false, added: 0 });
    expect(await history(regulars)).toHaveLength(before.length);

    // Shopify's customer export: a header, the id with a leading apostrophe, more columns.
    const clean = ['Customer ID,First Name,Email', `,,anna@example.com`, `${people.cato!.shopifyCustomerId},Cato,`, `'${people.dirk!.shopifyCustomerId.replace('gid://shopify/Customer/', '')},Dirk,`].join('\r\n');
    const applied = await api().post(`/api/groups/${regulars}/members/import`).set('Authorization', owner).send({ csv: clean, dryRun: false });
    expect(applied.body).toMatchObject({ valid: true, applied: true, added: 2 });
    const imported = (await history(regulars)).filter((e) => e.reason === 'csv_import');
    expect(imported.map((e) => [e.memberId, e.change, e.detail]).sort()).toEqual([[people.cato!.id, 'joined', OWNER], [people.dirk!.id, 'joined', OWNER]].sort());
    const repeat = await api().post(`/api/groups/${regulars}/members/import`).set('Authorization', owner).send({ csv: clean, dryRun: false });
    expect(repeat.body).toMatchObject({ applied: true, added: 0 });
    expect((await history(regulars)).filter((e) => e.reason === 'csv_import')).toHaveLength(2);
    expect((await api().post(`/api/groups/${regulars}/members/import`).set('Authorization', owner).send({ csv: '', dryRun: true })).status).toBe(400);
  });

  it("shows a member's current groups and membership history", async () => {
    const response = await api().get(`/api/members/${people.cato!.id}/groups`).set('Authorization', await as(STAFF));
    expect(response.status).toBe(200);
    expect(response.body.groups.map((g: { name: string; source: string }) => [g.name, g.source])).toEqual([['Regulars', 'manual']]);
    expect(response.body.tier).toBeNull();
    expect(response.body.history.map((e: { groupName: string; change: string; reason: string }) => [e.groupName, e.change, e.reason])).toEqual([['Regulars', 'joined', 'csv_import']]);
    expect((await api().get(`/api/members/${people.foreign!.id}/groups`).set('Authorization', await as(STAFF))).status).toBe(404);
  });

  it('counts statistics per group that equal an independent sum over the members and their orders', async () => {
    const db = getDb();
    // Members of Regulars now: anna, cato, dirk. bram left; his orders do not count.
    let n = 0;
    const order = async (memberId: string, eligibleMinor: number, processedAt: string, options: { paid?: boolean; cancelled?: boolean; shopId?: string } = {}) => {
      n += 1;
      await db.prisma.orderRecord.create({
        data: {
          shopId: options.shopId ?? shop.id, shopifyOrderId: `gid://shopify/Order/${n}`, memberId, currency: 'EUR', eligibleMinor, processedAt: new Date(processedAt),
          shopifyUpdatedAt: new Date(processedAt), paidAt: options.paid === false ? null : new Date(processedAt), cancelledAt: options.cancelled ? new Date(processedAt) : null,
        },
      });
    };
    await order(people.anna!.id, 12_000, '2026-03-02T10:00:00Z');
    await order(people.anna!.id, 4_001, '2026-03-20T10:00:00Z');
    await order(people.cato!.id, 7_500, '2026-03-31T21:30:00Z'); // 23:30 in Amsterdam: still March 31
    await order(people.cato!.id, 9_999, '2026-03-31T22:30:00Z'); // April 1 in Amsterdam: outside
    await order(people.dirk!.id, 5_000, '2026-03-05T10:00:00Z', { paid: false });
    await order(people.dirk!.id, 6_000, '2026-03-06T10:00:00Z', { cancelled: true });
    await order(people.bram!.id, 50_000, '2026-03-10T10:00:00Z');
    await order(people.foreign!.id, 70_000, '2026-03-10T10:00:00Z', { shopId: otherShop.id });
    await db.prisma.programSettings.upsert({ where: { shopId: shop.id }, create: { shopId: shop.id, pointValueMinor: 5, pointValuePoints: 1 }, update: { pointValueMinor: 5, pointValuePoints: 1 } });

    const response = await api().get('/api/groups/stats').query({ from: '2026-03-01', to: '2026-03-31' }).set('Authorization', await as(STAFF));
    expect(response.status).toBe(200);
    const stats = response.body.items.find((item: { groupId: string }) => item.groupId === regulars);

    // The independent sum, in JavaScript over the rows.
    const memberIds = (await db.prisma.groupMember.findMany({ where: { groupId: regulars } })).map((row) => row.memberId);
    const from = new Date('2026-02-28T23:00:00Z');
    const to = new Date('2026-03-31T22:00:00Z');
    const orders = (await db.prisma.orderRecord.findMany({ where: { shopId: shop.id } }))
      .filter((o) => memberIds.includes(o.memberId ?? '') && o.paidAt && !o.cancelledAt && o.processedAt >= from && o.processedAt < to);
    const revenue = orders.reduce((sum, o) => sum + Number(o.eligibleMinor), 0);
    const balance = (await db.prisma.member.findMany({ where: { id: { in: memberIds } } })).reduce((sum, m) => sum + Math.max(0, m.balance), 0);
    expect(stats).toEqual({
      groupId: regulars, members: memberIds.length, visits: orders.length, revenueMinor: revenue,
      averageOrderMinor: Math.round(revenue / orders.length), pointsBalance: balance, liabilityMinor: balance * 5,
    });
    expect(stats).toMatchObject({ members: 3, visits: 3, revenueMinor: 23_501, averageOrderMinor: 7_834, pointsBalance: 1250, liabilityMinor: 6250 });
    expect(response.body).toMatchObject({ from: '2026-03-01', to: '2026-03-31', currency: 'EUR' });
  });

  it('filters the members list by group', async () => {
    const response = await api().get('/api/members').query({ groupId: regulars, limit: 50 }).set('Authorization', await as(STAFF));
    expect(response.body.items.map((m: { firstName: string }) => m.firstName).sort()).toEqual(['Anna', 'Cato', 'Dirk']);
    const searched = await api().get('/api/members').query({ groupId: regulars, query: 'cato' }).set('Authorization', await as(STAFF));
    expect(searched.body.items.map((m: { firstName: string }) => m.firstName)).toEqual(['Cato']);
    const foreignGroup = await api().get('/api/members').query({ groupId: 'no-such-group' }).set('Authorization', await as(STAFF));
    expect(foreignGroup.body.items).toEqual([]);
  });

  it('filters the points report, its totals and its export by group', async () => {
    const db = getDb();
    let n = 0;
    for (const [memberId, points] of [[people.anna!.id, 100], [people.bram!.id, 40], [people.cato!.id, 25]] as const) {
      n += 1;
      await db.prisma.ledgerEntry.create({ data: { shopId: shop.id, memberId, type: 'earn', status: 'posted', points, description: `Visit ${n}`, sourceType: 'job', sourceId: `g${n}`, idempotencyKey: `group-filter:${n}`, postedAt: new Date() } });
    }
    const report = await api().get('/api/report').query({ groupId: regulars }).set('Authorization', await as(STAFF));
    expect(report.status).toBe(200);
    expect(report.body.items.map((e: { points: number }) => e.points).sort()).toEqual([100, 25]);
    expect(report.body.totals).toMatchObject({ earned: 125, liabilityPoints: 1250 });
    const exported = await api().get('/api/report/export').query({ groupId: regulars, format: 'csv' }).set('Authorization', await as(OWNER));
    expect(exported.status).toBe(200);
    const records = parseCsv(exported.text);
    expect(records.length - 1).toBe(2);
    expect(exported.headers['x-export-rows']).toBe('2');
    expect(exported.text).toContain('Visit 1');
    expect(exported.text).not.toContain('Visit 2');
  });
});
