// Membership kept current by events (orders, refunds, credits, consent, customer tags) and the tier
// ladder: up at once, down only when the period ends, kept after a refund until then, one tier at a time.
import { writeTransaction } from '../../../web/core/db-client';
import { joinDefaultGroup } from '../../../web/core/groups/join-default-group';
import { reevaluateGroups } from '../../../web/core/groups/reevaluate-groups';
import { refreshMemberGroups } from '../../../web/core/groups/refresh-member-groups';
import { postDueCredits } from '../../../web/core/ledger/post-due-credits';
import { recordConsentChange } from '../../../web/core/messaging/consent-store';
import { upsertMember } from '../../../web/core/members/upsert-member';
import { applyOrderBatch } from '../../../web/core/orders/apply-order-batch';
import { applyRefund } from '../../../web/core/orders/apply-refund';
import { createLogger } from '../../../web/runtime/logger';
import { customersUpdate } from '../../../web/server/webhooks/customers-update';
import { parseOrderPayload, refundPayloadSchema, refundSnapshot } from '../../../web/server/webhooks/order-payload';
import { createShop } from '../../fixtures/factories';
import { createGroupMember, createPaidOrder, createRuleGroup, createTier, groupMemberIds, runGroupRefreshTasks } from '../../fixtures/group-facts';
import { orderPayload, refundPayload } from '../../fixtures/order-payloads';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('groups kept current by events, and tiers', (getDb) => {
  const june = new Date('2026-06-15T10:00:00Z');
  let nextCustomer = 90_000;

  async function payOrder(shopId: string, customerId: number, price: string, now: Date) {
    const payload = orderPayload({ customerId, lines: [{ price }], processedAt: now.toISOString() });
    await applyOrderBatch(getDb(), [{ key: `k${payload.id}`, shopId, snapshot: parseOrderPayload('orders/paid', payload), trigger: 'paid' }], now);
    await runGroupRefreshTasks(getDb());
    return payload;
  }

  async function tierOf(memberId: string) {
    const rows = await getDb().prisma.groupMember.findMany({ where: { memberId }, select: { groupId: true, keepUntil: true, source: true } });
    const tiers = await getDb().prisma.customerGroup.findMany({ where: { id: { in: rows.map((r) => r.groupId) }, tierRank: { not: null } } });
    return rows.filter((row) => tiers.some((t) => t.id === row.groupId)).map((row) => ({ name: tiers.find((t) => t.id === row.groupId)!.name, keepUntil: row.keepUntil?.toISOString() ?? null }));
  }

  async function ladder(shopId: string) {
    const silver = await createTier(getDb().prisma, shopId, 'Silver', { rank: 1, thresholdMinor: 50_000 });
    const gold = await createTier(getDb().prisma, shopId, 'Gold', { rank: 2, thresholdMinor: 100_000 });
    return { silver, gold };
  }

  it('moves up at once with the order, keeps the tier after a refund until the year ends, then moves down', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'Europe/Amsterdam' });
    await ladder(shop.id);
    const customer = (nextCustomer += 1);
    await payOrder(shop.id, customer, '600.00', june);
    const member = await db.prisma.member.findFirstOrThrow({ where: { shopId: shop.id } });
    // Reached this year: kept to the end of next year (local midnight, Amsterdam).
    expect(await tierOf(member.id)).toEqual([{ name: 'Silver', keepUntil: '2027-12-31T23:00:00.000Z' }]);
    const second = await payOrder(shop.id, customer, '400.01', new Date(june.getTime() + 60_000));
    expect(await tierOf(member.id)).toEqual([{ name: 'Gold', keepUntil: '2027-12-31T23:00:00.000Z' }]);
    const history = await db.prisma.groupMembershipEvent.findMany({ where: { memberId: member.id }, orderBy: [{ occurredAt: 'asc' }, { change: 'desc' }] });
    expect(history.map((e) => [e.change, e.reason, e.detail])).toEqual([
      ['joined', 'tier_up', 'order'], ['left', 'tier_up', 'order'], ['joined', 'tier_up', 'order'],
    ]);

    // The refund drops this year's spend to 600: Gold is kept, but only until this period ends.
    await applyRefund(db, shop.id, `gid://shopify/Order/${second.id}`, refundSnapshot('refunds/create', refundPayloadSchema.parse(refundPayload(second, [{ index: 0, quantity: 1, subtotal: '400.01' }])), 'EUR'), new Date(june.getTime() + 120_000));
    await runGroupRefreshTasks(db);
    expect(await tierOf(member.id)).toEqual([{ name: 'Gold', keepUntil: '2026-12-31T23:00:00.000Z' }]);
    await reevaluateGroups(db, { shopId: shop.id, now: new Date('2026-12-31T22:30:00Z') });
    expect(await tierOf(member.id)).toEqual([{ name: 'Gold', keepUntil: '2026-12-31T23:00:00.000Z' }]);
    // New year in Amsterdam: down to what last year's 600 earned, kept through this year.
    await reevaluateGroups(db, { shopId: shop.id, now: new Date('2026-12-31T23:30:00Z') });
    expect(await tierOf(member.id)).toEqual([{ name: 'Silver', keepUntil: '2027-12-31T23:00:00.000Z' }]);
    const down = await db.prisma.groupMembershipEvent.findMany({ where: { memberId: member.id, reason: 'tier_down' }, orderBy: { change: 'desc' } });
    expect(down.map((e) => [e.change, e.detail])).toEqual([['left', 'scheduled'], ['joined', 'scheduled']]);
    // A year without visits: the tier goes when 2027 ends.
    await reevaluateGroups(db, { shopId: shop.id, now: new Date('2027-12-31T23:30:00Z') });
    expect(await tierOf(member.id)).toEqual([]);
    const counts = await db.prisma.customerGroup.findMany({ where: { shopId: shop.id }, select: { name: true, memberCount: true } });
    expect(counts.map((g) => g.memberCount)).toEqual([0, 0]);
  });

  it('an event never moves a member down, even after keepUntil; the scheduled run does', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'Europe/Amsterdam' });
    const { gold } = await ladder(shop.id);
    const member = await createGroupMember(db.prisma, shop.id);
    await db.prisma.groupMember.create({ data: { groupId: gold.id, memberId: member.id, shopId: shop.id, source: 'tier', joinedAt: june, keepUntil: new Date('2026-01-01T00:00:00Z') } });
    await writeTransaction(db, (tx) => refreshMemberGroups(tx, shop.id, [member.id], 'order', june));
    expect((await tierOf(member.id)).map((t) => t.name)).toEqual(['Gold']);
    await reevaluateGroups(db, { shopId: shop.id, now: june });
    expect(await tierOf(member.id)).toEqual([]);
  });

  it('never puts a member in two tiers, whatever the starting point', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'UTC' });
    const { silver, gold } = await ladder(shop.id);
    const platinum = await createTier(db.prisma, shop.id, 'Platinum', { rank: 3, thresholdMinor: 300_000, period: 'rolling_12_months' });
    const members: Array<{ id: string }> = [];
    for (const spend of [0, 50_000, 100_000, 300_000, 1_000_000]) {
      const member = await createGroupMember(db.prisma, shop.id);
      if (spend > 0) await createPaidOrder(db.prisma, shop.id, member.id, { eligibleMinor: spend, processedAt: new Date(june.getTime() - 86_400_000) });
      members.push(member);
    }
    // Start some members in the wrong tier, with retention still running.
    await db.prisma.groupMember.create({ data: { groupId: silver.id, memberId: members[4]!.id, shopId: shop.id, source: 'tier', joinedAt: june, keepUntil: new Date('2030-01-01') } });
    await db.prisma.groupMember.create({ data: { groupId: gold.id, memberId: members[1]!.id, shopId: shop.id, source: 'tier', joinedAt: june, keepUntil: new Date('2030-01-01') } });
    await reevaluateGroups(db, { shopId: shop.id, now: june });
    await writeTransaction(db, (tx) => refreshMemberGroups(tx, shop.id, members.map((m) => m.id), 'order', june));
    const names = await Promise.all(members.map(async (m) => (await tierOf(m.id)).map((t) => t.name)));
    // Gold with retention is kept (down only when it runs out); everyone else at their spend's tier.
    expect(names).toEqual([[], ['Gold'], ['Gold'], ['Platinum'], ['Platinum']]);
    const rows = await db.prisma.groupMember.groupBy({ by: ['memberId'], where: { groupId: { in: [silver.id, gold.id, platinum.id] } }, _count: true });
    expect(rows.every((row) => row._count === 1)).toBe(true);
    const stored = await db.prisma.customerGroup.findMany({ where: { shopId: shop.id }, orderBy: { tierRank: 'asc' } });
    expect(stored.map((g) => g.memberCount)).toEqual([0, 2, 2]);
  });

  it('tiers by points earned: a credit posted moves the member up', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'UTC' });
    const tier = await createTier(db.prisma, shop.id, 'Points club', { rank: 1, thresholdMinor: 100, metric: 'points_earned' });
    const member = await createGroupMember(db.prisma, shop.id);
    await db.prisma.ledgerEntry.create({ data: { shopId: shop.id, memberId: member.id, type: 'earn', status: 'pending', points: 150, description: 'o', sourceType: 'order', sourceId: 'o', idempotencyKey: `pe-${member.id}`, availableAt: new Date(june.getTime() - 1000), createdAt: new Date(june.getTime() - 5000) } });
    await db.prisma.member.update({ where: { id: member.id }, data: { pendingPoints: 150 } });
    expect(await groupMemberIds(db.prisma, tier.id)).toEqual([]);
    await postDueCredits(db, { now: june });
    await runGroupRefreshTasks(db);
    expect(await groupMemberIds(db.prisma, tier.id)).toEqual([member.id]);
  });

  it('new members join the default group once; a member staff removed is not put back', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const group = await db.prisma.customerGroup.create({ data: { shopId: shop.id, name: 'Everyone', kind: 'manual', isDefault: true, createdAt: new Date('2020-01-01') } });
    const customer = (nextCustomer += 1);
    await payOrder(shop.id, customer, '10.00', june);
    const fromOrder = await db.prisma.member.findFirstOrThrow({ where: { shopId: shop.id } });
    const signup = await writeTransaction(db, (tx) => upsertMember(tx, shop.id, { shopifyCustomerId: 'gid://shopify/Customer/424242', email: 'new@example.com' }, june));
    expect(await groupMemberIds(db.prisma, group.id)).toEqual([fromOrder.id, signup.id].sort());
    expect(await db.prisma.groupMembershipEvent.count({ where: { groupId: group.id, change: 'joined', reason: 'default_group' } })).toBe(2);
    // Staff take one out (groups-admin writes this); their next order does not put them back.
    await db.prisma.groupMember.delete({ where: { groupId_memberId: { groupId: group.id, memberId: fromOrder.id } } });
    await db.prisma.groupMembershipEvent.create({ data: { shopId: shop.id, groupId: group.id, memberId: fromOrder.id, change: 'left', reason: 'staff', occurredAt: june } });
    await payOrder(shop.id, customer, '10.00', new Date(june.getTime() + 1000));
    expect(await writeTransaction(db, (tx) => joinDefaultGroup(tx, shop.id, signup.id, june))).toBe(false);
    expect(await groupMemberIds(db.prisma, group.id)).toEqual([signup.id]);
    expect((await db.prisma.customerGroup.findUniqueOrThrow({ where: { id: group.id } })).memberCount).toBe(2);
  });

  it('customers/update stores the tags and tag groups follow; consent groups follow a consent change', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const vip = await createRuleGroup(db.prisma, shop.id, 'Tagged VIP', { combinator: 'and', conditions: [{ kind: 'shopify_tag', tag: 'vip' }] });
    const subscribed = await createRuleGroup(db.prisma, shop.id, 'Newsletter', { combinator: 'and', conditions: [{ kind: 'consent', consentTypeKey: 'news', granted: true }] });
    const context = { db, logger: createLogger('silent'), now: () => june };
    const delivery = (tags: string) => ({ id: 'd', shopDomain: shop.domain, topic: 'customers/update', webhookId: 'w', triggeredAt: june, payload: { id: 777, admin_graphql_api_id: 'gid://shopify/Customer/777', email: 'x@example.com', tags } });
    await customersUpdate.handle(context, delivery('Regular, VIP'));
    await runGroupRefreshTasks(db);
    const member = await db.prisma.member.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(member.shopifyTags).toBe('Regular, VIP');
    expect(await groupMemberIds(db.prisma, vip.id)).toEqual([member.id]);
    await customersUpdate.handle(context, delivery('Regular'));
    await runGroupRefreshTasks(db);
    expect(await groupMemberIds(db.prisma, vip.id)).toEqual([]);
    const type = await db.prisma.consentType.create({ data: { shopId: shop.id, key: 'news', name: 'News' } });
    await writeTransaction(db, (tx) => recordConsentChange(tx, shop.id, member.id, { consentTypeId: type.id, granted: true, source: 'customer', occurredAt: june }));
    await runGroupRefreshTasks(db);
    expect(await groupMemberIds(db.prisma, subscribed.id)).toEqual([member.id]);
    const events = await db.prisma.groupMembershipEvent.findMany({ where: { memberId: member.id }, orderBy: { occurredAt: 'asc' } });
    expect(events.map((e) => [e.change, e.detail])).toEqual(expect.arrayContaining([['joined', 'customer_update'], ['left', 'customer_update'], ['joined', 'consent']]));
  });

  it('an order queues one refresh task that changes nothing until it runs; a shop without automatic groups gets none', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'UTC' });
    const vip = await createRuleGroup(db.prisma, shop.id, 'VIP', { combinator: 'and', conditions: [{ kind: 'spend', window: { type: 'lifetime' }, op: 'gt', amountMinor: 100_000 }] });
    const payload = orderPayload({ customerId: (nextCustomer += 1), lines: [{ price: '1000.01' }], processedAt: june.toISOString() });
    await applyOrderBatch(db, [{ key: `k${payload.id}`, shopId: shop.id, snapshot: parseOrderPayload('orders/paid', payload), trigger: 'paid' }], june);
    const member = await db.prisma.member.findFirstOrThrow({ where: { shopId: shop.id } });
    const queued = await db.prisma.task.findMany({ where: { shopDomain: shop.domain, kind: 'refresh-member-groups' } });
    expect(queued.map((task) => [task.status, JSON.parse(task.payload)])).toEqual([['queued', { shopId: shop.id, memberIds: [member.id], reason: 'order', at: june.toISOString() }]]);
    expect(await groupMemberIds(db.prisma, vip.id)).toEqual([]);
    expect(await runGroupRefreshTasks(db)).toEqual({ done: 1, retry: 0, failed: 0 });
    expect(await groupMemberIds(db.prisma, vip.id)).toEqual([member.id]);
    // Run again (a redelivered task): nothing changes, no second history row.
    await db.prisma.task.updateMany({ where: { id: queued[0]!.id }, data: { status: 'queued' } });
    await runGroupRefreshTasks(db);
    expect(await db.prisma.groupMembershipEvent.count({ where: { memberId: member.id } })).toBe(1);

    const plain = await createShop(db.prisma);
    await db.prisma.customerGroup.create({ data: { shopId: plain.id, name: 'By hand', kind: 'manual' } });
    const other = orderPayload({ customerId: (nextCustomer += 1), lines: [{ price: '50.00' }], processedAt: june.toISOString() });
    await applyOrderBatch(db, [{ key: `k${other.id}`, shopId: plain.id, snapshot: parseOrderPayload('orders/paid', other), trigger: 'paid' }], june);
    expect(await db.prisma.task.count({ where: { shopDomain: plain.domain, kind: 'refresh-member-groups' } })).toBe(0);

    // A default group is enough: the task puts the order's new customer in it.
    const everyone = await db.prisma.customerGroup.create({ data: { shopId: plain.id, name: 'Everyone', kind: 'manual', isDefault: true, createdAt: new Date('2020-01-01') } });
    const third = orderPayload({ customerId: (nextCustomer += 1), lines: [{ price: '20.00' }], processedAt: june.toISOString() });
    await applyOrderBatch(db, [{ key: `k${third.id}`, shopId: plain.id, snapshot: parseOrderPayload('orders/paid', third), trigger: 'paid' }], june);
    expect(await groupMemberIds(db.prisma, everyone.id)).toEqual([]);
    expect(await runGroupRefreshTasks(db)).toEqual({ done: 1, retry: 0, failed: 0 });
    const newcomer = await db.prisma.member.findFirstOrThrow({ where: { shopId: plain.id, shopifyCustomerId: { endsWith: `/${third.customer!.id}` } } });
    expect(await groupMemberIds(db.prisma, everyone.id)).toEqual([newcomer.id]);
  });

  it('refresh tasks of one shop run together, evaluated at the latest event', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'UTC' });
    const { silver } = await ladder(shop.id);
    const customers = [(nextCustomer += 1), (nextCustomer += 1), (nextCustomer += 1)];
    for (const [index, customerId] of customers.entries()) {
      const payload = orderPayload({ customerId, lines: [{ price: '500.00' }], processedAt: june.toISOString() });
      await applyOrderBatch(db, [{ key: `k${payload.id}`, shopId: shop.id, snapshot: parseOrderPayload('orders/paid', payload), trigger: 'paid' }], new Date(june.getTime() + index * 1000));
    }
    expect(await db.prisma.task.count({ where: { shopDomain: shop.domain, kind: 'refresh-member-groups', status: 'queued' } })).toBe(3);
    expect(await runGroupRefreshTasks(db)).toEqual({ done: 3, retry: 0, failed: 0 });
    expect((await groupMemberIds(db.prisma, silver.id)).length).toBe(3);
    const joined = await db.prisma.groupMembershipEvent.findMany({ where: { groupId: silver.id }, select: { occurredAt: true } });
    expect(new Set(joined.map((e) => e.occurredAt.toISOString()))).toEqual(new Set([new Date(june.getTime() + 2000).toISOString()]));
  });
});
