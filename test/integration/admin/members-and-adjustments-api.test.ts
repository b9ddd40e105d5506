import request from 'supertest';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createShop } from '../../fixtures/factories';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('members, manual and bulk adjustments, staff roles', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  let otherShop: { id: string; domain: string };
  const members: Record<string, { id: string }> = {};

  const token = (userId: string, domain = shop.domain) => mintSessionToken({ shop: domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId });
  const as = async (userId: string, domain?: string) => `Bearer ${await token(userId, domain)}`;
  const api = () => request(testApp.app);

  beforeAll(async () => {
    const db = getDb();
    testApp = createTestApp(db);
    shop = await createShop(db.prisma, { currency: 'EUR' });
    otherShop = await createShop(db.prisma);
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'offline', scope: null });
    await saveOfflineSession(db.prisma, { shop: otherShop.domain, accessToken: 'offline', scope: null });
    const people = [
      ['anna', 'Anna', 'de Vries', 'Anna.Vries@Example.com', '+31612345678', 1000],
      ['bram', 'Bram', 'Jansen', 'bram@example.com', '+31687654321', 50],
      ['olena', 'Олена', 'Коваленко', 'olena@example.ua', '+380501112233', 0],
      ['twin1', 'Kim', 'Twin', 'twin@example.com', null, 0],
      ['twin2', 'Kim', 'Twin', 'twin@example.com', null, 0],
    ] as const;
    let n = 5000;
    for (const [key, firstName, lastName, email, phone, balance] of people) {
      n += 1;
      members[key] = await db.prisma.member.create({ data: { shopId: shop.id, shopifyCustomerId: `gid://shopify/Customer/${n}`, firstName, lastName, email, phone, balance } });
      if (balance > 0) {
        await db.prisma.ledgerEntry.create({ data: { shopId: shop.id, memberId: members[key]!.id, type: 'earn', status: 'posted', points: balance, description: 'Opening balance', sourceType: 'job', sourceId: 'seed', idempotencyKey: `seed:${key}`, postedAt: new Date() } });
      }
    }
    members.foreign = await db.prisma.member.create({ data: { shopId: otherShop.id, shopifyCustomerId: 'gid://shopify/Customer/9', firstName: 'Anna', email: 'anna@other.example' } });
    // The first user to open the app becomes the owner.
    expect((await api().get('/api/me').set('Authorization', await as('100'))).body).toMatchObject({ userId: '100', role: 'owner', adjustLimit: null, shop: { currency: 'EUR' } });
  });

  it('makes later users staff with a 500-point limit, and lets the owner promote them', async () => {
    const me = await api().get('/api/me').set('Authorization', await as('200'));
    expect(me.body).toMatchObject({ userId: '200', role: 'staff', adjustLimit: 500 });
    await api().get('/api/me').set('Authorization', await as('300'));
    const put = await api().put('/api/staff/300').set('Authorization', await as('100')).send({ role: 'manager', adjustLimit: null });
    expect(put.status).toBe(200);
    const list = await api().get('/api/staff').set('Authorization', await as('100'));
    expect(list.body.items.map((s: { userId: string; role: string }) => [s.userId, s.role])).toEqual([['100', 'owner'], ['200', 'staff'], ['300', 'manager']]);
    expect((await api().get('/api/staff').set('Authorization', await as('300'))).status).toBe(403);
    expect((await api().put('/api/staff/200').set('Authorization', await as('300')).send({ role: 'owner' })).status).toBe(403);
  });

  it('never leaves a shop without an owner', async () => {
    const response = await api().put('/api/staff/100').set('Authorization', await as('100')).send({ role: 'manager' });
    expect(response.status).toBe(409);
  });

  it('lets only the owner change programme settings and only managers edit products', async () => {
    expect((await api().patch('/api/settings/program').set('Authorization', await as('300')).send({ pointsPerVisit: 2 })).status).toBe(403);
    expect((await api().patch('/api/settings/program').set('Authorization', await as('100')).send({ pointsPerVisit: 0 })).status).toBe(200);
    const byStaff = await api().put('/api/products-loyalty').set('Authorization', await as('200')).send({ items: [{ productId: '1', settings: { enabled: false } }] });
    expect(byStaff.status).toBe(403);
    expect(byStaff.body.error.code).toBe('FORBIDDEN');
  });

  it.each([
    ['vries', ['anna']],
    ['ANNA', ['anna']],
    ['anna.vries@example', ['anna']],
    ['87654', ['bram']],
    ['+3161234', ['anna']],
    ['олена', ['olena']],
    ['КОВАЛ', ['olena']],
    ['anna vries', ['anna']],
    ['_', []],
    ['%', []],
    ['a_na', []],
    ['%vries', []],
    ['\\', []],
    ['twin_', []],
  ])('finds members by part of name, e-mail or phone, matching _ % and \\ literally: %s', async (query, expected) => {
    const response = await api().get('/api/members').query({ query }).set('Authorization', await as('200'));
    expect(response.status).toBe(200);
    expect(response.body.items.map((m: { id: string }) => m.id)).toEqual(expected.map((key) => members[key]!.id));
  });

  it('pages search results with a cursor', async () => {
    const auth = await as('200');
    const first = await api().get('/api/members').query({ query: 'kim', limit: 1 }).set('Authorization', auth);
    expect(first.body.items).toHaveLength(1);
    const second = await api().get('/api/members').query({ query: 'kim', limit: 1, cursor: first.body.nextCursor }).set('Authorization', auth);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([first.body.items[0].id, second.body.items[0].id].sort()).toEqual([members.twin1!.id, members.twin2!.id].sort());
  });

  it('pages the member list with a cursor', async () => {
    const auth = await as('200');
    const first = await api().get('/api/members').query({ limit: 2 }).set('Authorization', auth);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toEqual(expect.objectContaining({ currency: 'EUR', balance: expect.any(Number), lifetimeSpendMinor: 0 }));
    const ids = first.body.items.map((m: { id: string }) => m.id);
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await api().get('/api/members').query({ limit: 2, cursor }).set('Authorization', auth);
      ids.push(...next.body.items.map((m: { id: string }) => m.id));
      cursor = next.body.nextCursor;
    }
    expect(new Set(ids).size).toBe(5);
    expect(ids).not.toContain(members.foreign!.id);
  });

  it('answers 404 for another shop\'s member, on every member route', async () => {
    const auth = await as('100');
    const id = members.foreign!.id;
    expect((await api().get(`/api/members/${id}`).set('Authorization', auth)).status).toBe(404);
    expect((await api().get(`/api/members/${id}/history`).set('Authorization', auth)).status).toBe(404);
    const adjust = await api().post(`/api/members/${id}/adjustments`).set('Authorization', auth).send({ points: 5, description: 'x', idempotencyKey: 'foreign-1' });
    expect(adjust.status).toBe(404);
    expect(await getDb().prisma.ledgerEntry.count({ where: { memberId: id } })).toBe(0);
  });

  it('adjusts a balance with a description the customer sees, notifies them, and records who did it', async () => {
    const id = members.bram!.id;
    const response = await api().post(`/api/members/${id}/adjustments`).set('Authorization', await as('200')).send({ points: 25, description: 'Sorry for the wait', idempotencyKey: 'adj-1' });
    expect(response.status).toBe(201);
    expect(response.body.entry).toMatchObject({ type: 'adjust', status: 'posted', points: 25, description: 'Sorry for the wait', sourceType: 'staff', staffUserId: '200' });
    expect(response.body.member).toMatchObject({ id, balance: 75 });
    const history = await api().get(`/api/members/${id}/history`).set('Authorization', await as('200'));
    expect(history.body.items[0]).toMatchObject({ id: response.body.entry.id, points: 25 });
    const outbox = await getDb().prisma.outboxMessage.findMany({ where: { memberId: id } });
    expect(outbox).toEqual([expect.objectContaining({ event: 'balance_adjusted', idempotencyKey: `adjusted:${response.body.entry.id}` })]);
    expect(JSON.parse(outbox[0]!.payload)).toEqual({ points: 25, description: 'Sorry for the wait', entryId: response.body.entry.id });
    const details = await api().get(`/api/members/${id}`).set('Authorization', await as('200'));
    expect(details.body.messages).toEqual([expect.objectContaining({ event: 'balance_adjusted', channel: 'email', status: 'pending' })]);
    const actions = await getDb().prisma.staffAction.findMany({ where: { shopId: shop.id, action: 'member.adjust' } });
    expect(actions).toEqual([expect.objectContaining({ userId: '200', target: id })]);
  });

  it('returns the same result for the same idempotency key and writes one entry', async () => {
    const id = members.bram!.id;
    const auth = await as('200');
    const again = await api().post(`/api/members/${id}/adjustments`).set('Authorization', auth).send({ points: 25, description: 'Sorry for the wait', idempotencyKey: 'adj-1' });
    expect(again.status).toBe(200);
    expect(again.body.member.balance).toBe(75);
    expect(await getDb().prisma.ledgerEntry.count({ where: { memberId: id, type: 'adjust' } })).toBe(1);
    expect(await getDb().prisma.staffAction.count({ where: { shopId: shop.id, action: 'member.adjust' } })).toBe(1);
    const reused = await api().post(`/api/members/${id}/adjustments`).set('Authorization', auth).send({ points: 30, description: 'Other', idempotencyKey: 'adj-1' });
    expect(reused.status).toBe(409);
  });

  it('forbids staff to adjust more than their limit (403), in either direction', async () => {
    const auth = await as('200');
    for (const points of [501, -501]) {
      const response = await api().post(`/api/members/${members.anna!.id}/adjustments`).set('Authorization', auth).send({ points, description: 'Too much', idempotencyKey: `limit-${points}` });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    const manager = await api().post(`/api/members/${members.anna!.id}/adjustments`).set('Authorization', await as('300')).send({ points: 600, description: 'Big thanks', idempotencyKey: 'limit-mgr' });
    expect(manager.status).toBe(201);
  });

  it('refuses to take a balance below zero (409) and writes nothing', async () => {
    const db = getDb();
    const id = members.bram!.id;
    const before = { entries: await db.prisma.ledgerEntry.count({ where: { memberId: id } }), outbox: await db.prisma.outboxMessage.count({ where: { memberId: id } }) };
    const response = await api().post(`/api/members/${id}/adjustments`).set('Authorization', await as('300')).send({ points: -76, description: 'Correction', idempotencyKey: 'neg-1' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('INSUFFICIENT_POINTS');
    expect(await db.prisma.ledgerEntry.count({ where: { memberId: id } })).toBe(before.entries);
    expect(await db.prisma.outboxMessage.count({ where: { memberId: id } })).toBe(before.outbox);
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id } })).balance).toBe(75);
  });

  it('allows a negative balance when the shop allows it', async () => {
    await api().patch('/api/settings/program').set('Authorization', await as('100')).send({ allowNegativeBalance: true });
    const response = await api().post(`/api/members/${members.olena!.id}/adjustments`).set('Authorization', await as('300')).send({ points: -10, description: 'Correction', idempotencyKey: 'neg-allowed' });
    await api().patch('/api/settings/program').set('Authorization', await as('100')).send({ allowNegativeBalance: false });
    expect(response.status).toBe(201);
    expect(response.body.member.balance).toBe(-10);
    await api().post(`/api/members/${members.olena!.id}/adjustments`).set('Authorization', await as('300')).send({ points: 10, description: 'Back to zero', idempotencyKey: 'neg-allowed-undo' });
  });

  it('validates the adjustment body', async () => {
    const auth = await as('300');
    for (const body of [{ points: 0, description: 'x', idempotencyKey: 'v1' }, { points: 1.5, description: 'x', idempotencyKey: 'v2' }, { points: 5, description: '', idempotencyKey: 'v3' }, { points: 5, description: 'x'.repeat(301), idempotencyKey: 'v4' }, { points: 5, description: 'x' }]) {
      expect((await api().post(`/api/members/${members.anna!.id}/adjustments`).set('Authorization', auth).send(body)).status).toBe(400);
    }
  });

  describe('bulk adjustment by CSV', () => {
    const csv = [
      'customer,points,description',
      'anna.vries@example.com,10,Event bonus',
      '+31687654321,-5,"Correction, sorry"',
      '5002,7,By customer id',
      'gid://shopify/Customer/5003,3,By GID',
    ].join('\n');

    it('lets staff neither preview nor apply (403)', async () => {
      expect((await api().post('/api/adjustments/bulk').set('Authorization', await as('200')).send({ csv, dryRun: true })).status).toBe(403);
    });

    it('previews every row with the member it found', async () => {
      const response = await api().post('/api/adjustments/bulk').set('Authorization', await as('300')).send({ csv, dryRun: true });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ valid: true, applied: false });
      expect(response.body.rows).toEqual([
        { line: 2, customer: 'anna.vries@example.com', points: 10, description: 'Event bonus', memberId: members.anna!.id, memberName: 'Anna de Vries', error: null },
        { line: 3, customer: '+31687654321', points: -5, description: 'Correction, sorry', memberId: members.bram!.id, memberName: 'Bram Jansen', error: null },
        expect.objectContaining({ line: 4, memberId: members.bram!.id, error: null }),
        expect.objectContaining({ line: 5, memberId: members.olena!.id, error: null }),
      ]);
      expect(await getDb().prisma.ledgerEntry.count({ where: { shopId: shop.id, idempotencyKey: { startsWith: 'bulk:' } } })).toBe(0);
    });

    const bad = [
      'customer,points,description',
      'anna.vries@example.com,10,Fine',
      'nobody@example.com,5,Unknown',
      'twin@example.com,5,Ambiguous',
      'bram@example.com,abc,Not a number',
      'bram@example.com,0,Zero',
      'bram@example.com,5,',
      'bram@example.com,-1000,Below zero',
      ',5,No customer',
    ].join('\r\n');

    it('reports an error per row and applies nothing when any row is wrong', async () => {
      const db = getDb();
      const before = await db.prisma.ledgerEntry.count({ where: { shopId: shop.id } });
      const preview = await api().post('/api/adjustments/bulk').set('Authorization', await as('300')).send({ csv: bad, dryRun: true });
      expect(preview.body.valid).toBe(false);
      expect(preview.body.rows.map((row: { line: number; error: string | null }) => [row.line, row.error === null])).toEqual([
        [2, true], [3, false], [4, false], [5, false], [6, false], [7, false], [8, false], [9, false],
      ]);
      expect(preview.body.rows[2].error).toMatch(/matches 2 members/);
      expect(preview.body.rows[6].error).toMatch(/below zero/);
      const apply = await api().post('/api/adjustments/bulk').set('Authorization', await as('300')).send({ csv: bad, dryRun: false });
      expect(apply.status).toBe(400);
      expect(apply.body.error.details.rows).toHaveLength(8);
      expect(await db.prisma.ledgerEntry.count({ where: { shopId: shop.id } })).toBe(before);
    });

    it('applies every row in one go, notifies each member and records the action', async () => {
      const db = getDb();
      const before = await db.prisma.member.findMany({ where: { shopId: shop.id }, orderBy: { id: 'asc' } });
      const response = await api().post('/api/adjustments/bulk').set('Authorization', await as('300')).send({ csv, dryRun: false, idempotencyKey: 'bulk-1' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ valid: true, applied: true });
      const after = await db.prisma.member.findMany({ where: { shopId: shop.id }, orderBy: { id: 'asc' } });
      const delta = Object.fromEntries(after.map((m, i) => [m.id, m.balance - before[i]!.balance]));
      expect(delta[members.anna!.id]).toBe(10);
      expect(delta[members.bram!.id]).toBe(2);
      expect(delta[members.olena!.id]).toBe(3);
      const again = await api().post('/api/adjustments/bulk').set('Authorization', await as('300')).send({ csv, dryRun: false, idempotencyKey: 'bulk-1' });
      expect(again.status).toBe(200);
      expect(await db.prisma.ledgerEntry.count({ where: { shopId: shop.id, idempotencyKey: { startsWith: 'bulk:bulk-1:' } } })).toBe(4);
      expect(await db.prisma.outboxMessage.count({ where: { shopId: shop.id, event: 'balance_adjusted' } })).toBeGreaterThanOrEqual(4);
      expect(await db.prisma.staffAction.count({ where: { shopId: shop.id, action: 'adjustments.bulk', userId: '300' } })).toBe(1);
    });

    it('refuses the same key with a different file (409) and applies none of its rows', async () => {
      const db = getDb();
      const auth = await as('300');
      const first = ['customer,points,description', 'anna.vries@example.com,4,Key reuse A', 'bram@example.com,4,Key reuse A'].join('\n');
      expect((await api().post('/api/adjustments/bulk').set('Authorization', auth).send({ csv: first, dryRun: false, idempotencyKey: 'bulk-reuse' })).status).toBe(200);
      const balances = async () => (await db.prisma.member.findMany({ where: { shopId: shop.id }, orderBy: { id: 'asc' } })).map((m) => m.balance);
      const before = await balances();
      const entriesBefore = await db.prisma.ledgerEntry.count({ where: { shopId: shop.id } });
      for (const other of [
        ['customer,points,description', 'anna.vries@example.com,4,Key reuse A', 'bram@example.com,4,Key reuse A', '5002,9,One more row'],
        ['customer,points,description', 'anna.vries@example.com,40,Key reuse A', 'bram@example.com,4,Key reuse A'],
        ['customer,points,description', 'anna.vries@example.com,4,Key reuse A'],
      ]) {
        const response = await api().post('/api/adjustments/bulk').set('Authorization', auth).send({ csv: other.join('\n'), dryRun: false, idempotencyKey: 'bulk-reuse' });
        expect(response.status).toBe(409);
        expect(response.body.error.code).toBe('CONFLICT');
      }
      expect(await balances()).toEqual(before);
      expect(await db.prisma.ledgerEntry.count({ where: { shopId: shop.id } })).toBe(entriesBefore);
      expect((await api().post('/api/adjustments/bulk').set('Authorization', auth).send({ csv: first, dryRun: false, idempotencyKey: 'bulk-reuse' })).status).toBe(200);
    });

    it('refuses a file without the header row or with more than 5,000 rows', async () => {
      const auth = await as('300');
      expect((await api().post('/api/adjustments/bulk').set('Authorization', auth).send({ csv: 'bram@example.com,5,x', dryRun: true })).status).toBe(400);
      const big = ['customer,points,description', ...Array.from({ length: 5001 }, () => 'bram@example.com,1,x')].join('\n');
      const response = await api().post('/api/adjustments/bulk').set('Authorization', auth).send({ csv: big, dryRun: true });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/5000/);
    });
  });

  it('keeps an audit row for every change', async () => {
    const actions = await getDb().prisma.staffAction.findMany({ where: { shopId: shop.id } });
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['staff.update', 'settings.program', 'member.adjust', 'adjustments.bulk']));
  });
});
