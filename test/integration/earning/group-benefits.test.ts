// A group's bonus benefit in earning, through the set-based batch path: the group's own spend-tier
// table (seed 001: 2 % / 3 % / 5 % at 1000 / 3000) replaces the shop's rule for its members, and the
// highest multiplier of the member's bonus groups applies.
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { applyOrderSnapshot } from '../../../web/core/orders/apply-order-snapshot';
import { parseOrderPayload } from '../../../web/server/webhooks/order-payload';
import { defaultSpendTiers } from '../../../web/core/earning/spend-tiers';
import { createShop } from '../../fixtures/factories';
import { addToGroup, createCustomerMember, createGroup } from '../../fixtures/groups';
import { orderPayload } from '../../fixtures/order-payloads';
import { queueDeliveries } from '../../fixtures/queue-order-deliveries';
import { createTestApp } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('group bonus benefits in earning', (getDb) => {
  const pointsOf = (shopId: string, orderId: number) =>
    getDb().prisma.ledgerEntry.findMany({ where: { shopId, orderId: `gid://shopify/Order/${orderId}` } }).then((rows) => rows.reduce((sum, row) => sum + row.points, 0));

  it("earns by seed 001's group tier table at 1000/3000 (2/3/5 %) in the batch path, and by the shop's rate without the group", async () => {
    const db = getDb();
    const testApp = createTestApp(db);
    const shop = await createShop(db.prisma);
    const gold = await createGroup(db.prisma, shop.id, { name: 'Gold', benefitKind: 'bonus', benefitSpendTiers: defaultSpendTiers('EUR') });
    const member = await createCustomerMember(db.prisma, shop.id, 921);
    await createCustomerMember(db.prisma, shop.id, 922);
    await addToGroup(db.prisma, gold, member.id);
    const orders = (customerId: number) => [500, 600, 2000, 100].map((euros, i) => orderPayload({ customerId, lines: [{ price: `${euros}.00` }], processedAt: `2026-11-2${i + 1}T09:00:00+01:00` }));
    const inGroup = orders(921);
    const outside = orders(922);
    await queueDeliveries(db, [...inGroup, ...outside].map((payload) => ({ shopDomain: shop.domain, topic: 'orders/paid', payload })));
    await processDueTasks(testApp.jobContext(), { claimers: 1 });
    // 500 and 600 at 2 % (spent 0, 500), 2000 at 3 % (spent 1100), 100 at 5 % (spent 3100).
    expect(await Promise.all(inGroup.map((p) => pointsOf(shop.id, p.id)))).toEqual([10, 12, 60, 5]);
    expect(await Promise.all(outside.map((p) => pointsOf(shop.id, p.id)))).toEqual([500, 600, 2000, 100]);
  });

  it('applies the highest multiplier of several bonus groups, on top of a group tier table; disabled groups give nothing', async () => {
    const db = getDb();
    const testApp = createTestApp(db);
    const shop = await createShop(db.prisma);
    const x15 = await createGroup(db.prisma, shop.id, { name: 'Silver', benefitKind: 'bonus', benefitMultiplierPercent: 150 });
    const x2 = await createGroup(db.prisma, shop.id, { name: 'Gold', benefitKind: 'bonus', benefitMultiplierPercent: 200 });
    const x3off = await createGroup(db.prisma, shop.id, { name: 'Paused', benefitKind: 'bonus', benefitMultiplierPercent: 300, enabled: false });
    const table = await createGroup(db.prisma, shop.id, { name: 'Table', benefitKind: 'bonus', benefitSpendTiers: defaultSpendTiers('EUR') });
    const both = await createCustomerMember(db.prisma, shop.id, 931);
    const tableAndSilver = await createCustomerMember(db.prisma, shop.id, 932);
    for (const group of [x15, x2, x3off]) await addToGroup(db.prisma, group, both.id);
    for (const group of [x15, table]) await addToGroup(db.prisma, group, tableAndSilver.id);
    const first = orderPayload({ customerId: 931, lines: [{ price: '40.00' }] });
    const second = orderPayload({ customerId: 932, lines: [{ price: '500.00' }] });
    await queueDeliveries(db, [first, second].map((payload) => ({ shopDomain: shop.domain, topic: 'orders/paid', payload })));
    await processDueTasks(testApp.jobContext(), { claimers: 1 });
    expect(await pointsOf(shop.id, first.id)).toBe(80);
    // 2 % of 500 = 10, × 1.5 = 15.
    expect(await pointsOf(shop.id, second.id)).toBe(15);
  });

  it('applies the group bonus on the one-order path too (the path of refunds and cancellations)', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const gold = await createGroup(db.prisma, shop.id, { name: 'Gold', benefitKind: 'bonus', benefitMultiplierPercent: 200 });
    const member = await createCustomerMember(db.prisma, shop.id, 941);
    await addToGroup(db.prisma, gold, member.id);
    const payload = orderPayload({ customerId: 941, lines: [{ price: '25.00' }] });
    await applyOrderSnapshot(db.database, shop.id, parseOrderPayload('orders/paid', payload), 'paid', new Date());
    expect(await pointsOf(shop.id, payload.id)).toBe(50);
  });
});
