// "An order processed while the re-evaluation runs leaves one consistent membership": the scheduled
// re-evaluation, order processing and the orders' group refresh tasks run at the same time (PostgreSQL: on separate connections of the
// pool, plus a second connection holding the re-evaluation's lock; SQLite: one writer at a time), and
// afterwards membership, history and counts agree with the rules.
import pg from 'pg';
import { countMatchingMembers } from '../../../web/core/groups/count-matching-members';
import { reevaluateGroups } from '../../../web/core/groups/reevaluate-groups';
import { applyOrderBatch } from '../../../web/core/orders/apply-order-batch';
import { parseOrderPayload } from '../../../web/server/webhooks/order-payload';
import { createShop } from '../../fixtures/factories';
import { createRuleGroup, createTier, runGroupRefreshTasks } from '../../fixtures/group-facts';
import { orderPayload } from '../../fixtures/order-payloads';
import { seedGroupMembers } from '../../fixtures/seed-group-members';
import { describeEachDatabase, type TestDatabase } from '../../support/test-database';

const VIP = { combinator: 'and' as const, conditions: [{ kind: 'spend' as const, window: { type: 'lifetime' as const }, op: 'gt' as const, amountMinor: 100_000 }] };

async function expectConsistent(db: TestDatabase, shopId: string, now: Date): Promise<void> {
  const groups = await db.prisma.customerGroup.findMany({ where: { shopId } });
  for (const group of groups) {
    const members = await db.prisma.groupMember.findMany({ where: { groupId: group.id }, select: { memberId: true } });
    expect(group.memberCount).toBe(members.length);
    // Per member the history adds up to the current membership: joined - left = 1 in, 0 out.
    const events = await db.prisma.groupMembershipEvent.groupBy({ by: ['memberId', 'change'], where: { groupId: group.id }, _count: true });
    const balance = new Map<string, number>();
    for (const row of events) balance.set(row.memberId, (balance.get(row.memberId) ?? 0) + (row.change === 'joined' ? row._count : -row._count));
    const inGroup = new Set(members.map((m) => m.memberId));
    for (const [memberId, net] of balance) expect([memberId, net]).toEqual([memberId, inGroup.has(memberId) ? 1 : 0]);
    for (const memberId of inGroup) expect(balance.get(memberId)).toBe(1);
  }
  const vip = groups.find((g) => g.name === 'VIP')!;
  const expected = (await db.prisma.member.findMany({ where: { shopId, lifetimeSpendMinor: { gt: 100_000n } }, select: { id: true } })).map((m) => m.id).sort();
  const actual = (await db.prisma.groupMember.findMany({ where: { groupId: vip.id }, select: { memberId: true } })).map((m) => m.memberId).sort();
  expect(actual).toEqual(expected);
  expect(await countMatchingMembers(db, shopId, VIP, now)).toBe(expected.length);
  const tiers = groups.filter((g) => g.tierRank !== null).map((g) => g.id);
  const perMember = await db.prisma.groupMember.groupBy({ by: ['memberId'], where: { groupId: { in: tiers } }, _count: true });
  expect(perMember.filter((row) => row._count > 1)).toEqual([]);
}

describeEachDatabase('re-evaluation and orders at the same time', (getDb, kind) => {
  const now = new Date('2026-06-15T10:00:00Z');

  async function order(shopId: string, customer: string, price: string, at: Date) {
    const id = Number(customer.split('/').pop());
    const payload = { ...orderPayload({ customerId: id, lines: [{ price }], processedAt: at.toISOString() }), customer: { id, admin_graphql_api_id: customer, email: null, first_name: null, last_name: null, phone: null } };
    await applyOrderBatch(getDb(), [{ key: `k${payload.id}`, shopId, snapshot: parseOrderPayload('orders/paid', payload), trigger: 'paid' }], at);
  }

  it('orders processed during re-evaluations leave one consistent membership', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'UTC' });
    await seedGroupMembers(db, shop.id, { count: 3000, prefix: `c${kind}`, now, orders: 2000, customerBase: 7_000_000 });
    await createRuleGroup(db.prisma, shop.id, 'VIP', VIP);
    await createRuleGroup(db.prisma, shop.id, 'Lapsed', { combinator: 'and', conditions: [{ kind: 'last_visit', when: 'more_than_days_ago', days: 30 }] });
    await createTier(db.prisma, shop.id, 'Silver', { rank: 1, thresholdMinor: 50_000 });
    await createTier(db.prisma, shop.id, 'Gold', { rank: 2, thresholdMinor: 100_000 });
    await reevaluateGroups(db, { shopId: shop.id, now });
    await expectConsistent(db, shop.id, now);
    // Members just below the VIP line (seeded spend 99_000 … 100_000) buy while everything is re-evaluated.
    const near = await db.prisma.member.findMany({ where: { shopId: shop.id, lifetimeSpendMinor: { gt: 90_000n, lte: 100_000n } }, take: 6, orderBy: { id: 'asc' } });
    expect(near.length).toBeGreaterThan(3);
    for (let round = 0; round < 3; round += 1) {
      const at = new Date(now.getTime() + (round + 1) * 3_600_000);
      const orders = near.slice(round * 2, round * 2 + 2).map((member, i) => order(shop.id, member.shopifyCustomerId, '150.00', new Date(at.getTime() + i)));
      await Promise.all([reevaluateGroups(db, { shopId: shop.id, now: at }), ...orders]);
      // The orders' refresh tasks run while the next scheduled run does.
      await Promise.all([reevaluateGroups(db, { shopId: shop.id, now: at }), runGroupRefreshTasks(db)]);
      await expectConsistent(db, shop.id, at);
    }
  });

  if (kind === 'postgresql') {
    it('an order does not wait for a running re-evaluation; its refresh task waits for the lock, then applies its change on top', async () => {
      const db = getDb();
      const shop = await createShop(db.prisma, { ianaTimezone: 'UTC' });
      await seedGroupMembers(db, shop.id, { count: 200, prefix: 'lockwait', now, customerBase: 8_000_000 });
      const vip = await createRuleGroup(db.prisma, shop.id, 'VIP', VIP);
      await reevaluateGroups(db, { shopId: shop.id, now });
      const member = await db.prisma.member.findFirstOrThrow({ where: { shopId: shop.id, lifetimeSpendMinor: { lte: 100_000n, gt: 90_000n } } });
      // A second connection plays the running re-evaluation of VIP: it holds that group's lock exclusively.
      const other = new pg.Client({ connectionString: db.url.replace(/[?&]schema=[^&]+/, '') });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(`SELECT pg_advisory_xact_lock(${0x67727073}::int, hashtext($1))`, [`${shop.id}:${vip.id}`]);
        await order(shop.id, member.shopifyCustomerId, '150.00', new Date(now.getTime() + 1000));
        let done = false;
        const pending = runGroupRefreshTasks(db).then((counts) => { done = true; return counts; });
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(done).toBe(false);
        await other.query('COMMIT');
        expect(await pending).toEqual({ done: 1, retry: 0, failed: 0 });
      } finally {
        await other.end();
      }
      await expectConsistent(db, shop.id, now);
      expect(await db.prisma.groupMember.count({ where: { memberId: member.id } })).toBe(1);
    });
  }
});
