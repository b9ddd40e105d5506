// The set-based path for order deliveries: what one claimed batch does, and that it earns exactly what
// the one-order path earns.
import { processDueTasks, runTaskBatch } from '../../../web/runtime/process-due-tasks';
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { applyOrderSnapshot } from '../../../web/core/orders/apply-order-snapshot';
import { claimTasks } from '../../../web/core/tasks/task-queue';
import { webhookHandlers } from '../../../web/server/webhooks/handlers';
import { parseOrderPayload } from '../../../web/server/webhooks/order-payload';
import { createWebhookBatchProcessor } from '../../../web/server/webhooks/process-webhook-batch';
import { createShop } from '../../fixtures/factories';
import { orderPayload } from '../../fixtures/order-payloads';
import { queueDeliveries } from '../../fixtures/queue-order-deliveries';
import { createTestApp } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('a batch of order deliveries', (getDb) => {
  const processBatch = createWebhookBatchProcessor(webhookHandlers);
  const entriesOfOrder = (shopId: string, orderId: number) =>
    getDb().prisma.ledgerEntry.findMany({ where: { shopId, orderId: `gid://shopify/Order/${orderId}` }, orderBy: { points: 'asc' } });

  it('applies the good deliveries together and isolates a malformed one, a duplicate and an out-of-order pair included', async () => {
    const db = getDb();
    const testApp = createTestApp(db);
    const shop = await createShop(db.prisma);
    const good = orderPayload({ customerId: 801, lines: [{ price: '40.00' }] });
    const twice = orderPayload({ customerId: 802, lines: [{ price: '25.00' }, { price: '5.00' }] });
    const newer = orderPayload({ customerId: 803, lines: [{ price: '70.00' }], updatedAt: '2026-11-25T10:00:00+01:00' });
    const older = { ...newer, name: '#stale', financial_status: 'pending', updated_at: '2026-11-25T09:30:00+01:00' };
    const malformed = { ...orderPayload({ customerId: 804, lines: [{ price: '12.00' }] }), currency: 'euro' };
    await queueDeliveries(db, [
      { shopDomain: shop.domain, topic: 'orders/paid', payload: good },
      { shopDomain: shop.domain, topic: 'orders/paid', payload: twice },
      { shopDomain: shop.domain, topic: 'orders/paid', payload: malformed },
      { shopDomain: shop.domain, topic: 'orders/updated', payload: twice },
      { shopDomain: shop.domain, topic: 'orders/updated', payload: newer },
      { shopDomain: shop.domain, topic: 'orders/updated', payload: older },
    ]);
    const workerId = 'batch-test';
    const tasks = await claimTasks(db.database, { workerId, limit: 50 });
    expect(tasks).toHaveLength(6);
    const ranAlone: string[] = [];
    const outcomes = await processBatch({ db: db.database, logger: testApp.runtime.logger, now: () => new Date() }, tasks, workerId, async (task) => {
      ranAlone.push(task.id);
      return 'done';
    });
    expect(ranAlone).toEqual([]);
    const statuses = [...outcomes.values()].map((o) => (o.status === 'failed' ? `failed:${o.permanent}` : o.status)).sort();
    expect(statuses).toEqual(['done', 'done', 'done', 'done', 'done', 'failed:true']);
    // The five good ones were applied and marked done in the batch's own transaction.
    expect(await db.prisma.task.count({ where: { id: { in: tasks.map((t) => t.id) }, status: 'done' } })).toBe(5);
    expect((await entriesOfOrder(shop.id, good.id)).map((e) => [e.points, e.status])).toEqual([[40, 'pending']]);
    expect((await entriesOfOrder(shop.id, twice.id)).map((e) => e.points)).toEqual([5, 25]);
    expect((await entriesOfOrder(shop.id, newer.id)).map((e) => e.points)).toEqual([70]);
    const order = await db.prisma.orderRecord.findFirstOrThrow({ where: { shopId: shop.id, shopifyOrderId: `gid://shopify/Order/${newer.id}` } });
    expect([order.name, order.financialStatus, order.shopifyUpdatedAt.toISOString()]).toEqual([newer.name, 'paid', '2026-11-25T09:00:00.000Z']);
    expect(await entriesOfOrder(shop.id, malformed.id)).toEqual([]);
    expect(await db.prisma.orderRecord.count({ where: { shopId: shop.id, shopifyOrderId: `gid://shopify/Order/${malformed.id}` } })).toBe(0);
    const members = await db.prisma.member.findMany({ where: { shopId: shop.id }, orderBy: { shopifyCustomerId: 'asc' }, select: { pendingPoints: true, lifetimeSpendMinor: true } });
    expect(members.map((m) => [m.pendingPoints, m.lifetimeSpendMinor])).toEqual([[40, 4000n], [30, 3000n], [70, 7000n]]);
    expect((await findBalanceMismatches(db.prisma)).mismatches).toEqual([]);
  });

  it('earns what the one-order path earns for several orders of one member on spend tiers, in delivery order', async () => {
    const db = getDb();
    const testApp = createTestApp(db);
    const shop = await createShop(db.prisma);
    await db.prisma.programSettings.update({ where: { shopId: shop.id }, data: { earningMode: 'spend_tiers', spendTiers: JSON.stringify([{ fromMinor: 0, basisPoints: 200 }, { fromMinor: 50_000, basisPoints: 500 }]) } });
    const orders = (customerId: number) => [400, 300, 200].map((euros, i) => orderPayload({ customerId, lines: [{ price: `${euros}.00` }], processedAt: `2026-11-2${i + 1}T09:00:00+01:00` }));
    const batched = orders(811);
    await queueDeliveries(db, batched.map((payload) => ({ shopDomain: shop.domain, topic: 'orders/paid', payload })));
    await processDueTasks(testApp.jobContext(), { claimers: 1 });
    const oneByOne = orders(812);
    for (const payload of oneByOne) await applyOrderSnapshot(db.database, shop.id, parseOrderPayload('orders/paid', payload), 'paid', new Date());
    const points = async (payloads: typeof batched) => Promise.all(payloads.map(async (p) => (await entriesOfOrder(shop.id, p.id)).map((e) => e.points)));
    const expected = await points(oneByOne);
    // 400 and 300 at 2 %, then the member has spent 700 and the third order earns 5 %.
    expect(expected).toEqual([[8], [6], [10]]);
    expect(await points(batched)).toEqual(expected);
  });

  it('falls back to one delivery at a time when the batch cannot commit, so only the bad order waits', async () => {
    const db = getDb();
    const testApp = createTestApp(db);
    const shop = await createShop(db.prisma);
    const fine = [821, 822, 823].map((customerId) => orderPayload({ customerId, lines: [{ price: '15.00' }] }));
    // Another order claiming the first order's line item: the unique line index refuses the whole batch.
    const clash = orderPayload({ customerId: 824, lines: [{ price: '9.00' }] });
    Object.assign(clash.line_items[0]!, { id: fine[0]!.line_items[0]!.id, admin_graphql_api_id: fine[0]!.line_items[0]!.admin_graphql_api_id });
    await queueDeliveries(db, [...fine, clash].map((payload) => ({ shopDomain: shop.domain, topic: 'orders/paid', payload })));
    const context = testApp.jobContext();
    const tasks = await claimTasks(db.database, { workerId: context.workerId, limit: 50 });
    expect(await runTaskBatch(context, tasks)).toEqual({ done: 3, retry: 1, failed: 0 });
    for (const order of fine) expect((await entriesOfOrder(shop.id, order.id)).map((e) => e.points)).toEqual([15]);
    expect(await entriesOfOrder(shop.id, clash.id)).toEqual([]);
    expect((await findBalanceMismatches(db.prisma)).mismatches).toEqual([]);
  });

  it('runs any other delivery alone at its place in the claim: the orders before it first, those after it later', async () => {
    const db = getDb();
    const testApp = createTestApp(db);
    const shop = await createShop(db.prisma);
    const before = orderPayload({ customerId: 841, lines: [{ price: '20.00' }] });
    const after = orderPayload({ customerId: 842, lines: [{ price: '20.00' }] });
    const arrived = (seconds: number) => new Date(Date.now() - 60_000 + seconds * 1000);
    await queueDeliveries(db, [{ shopDomain: shop.domain, topic: 'orders/paid', payload: before }], arrived(1));
    await queueDeliveries(db, [{ shopDomain: shop.domain, topic: 'customers/create', payload: { id: 843, email: 'cleo@example.com' } }], arrived(2));
    await queueDeliveries(db, [{ shopDomain: shop.domain, topic: 'orders/paid', payload: after }], arrived(3));
    const tasks = await claimTasks(db.database, { workerId: 'in-order', limit: 10 });
    const seen: number[][] = [];
    await processBatch({ db: db.database, logger: testApp.runtime.logger, now: () => new Date() }, tasks, 'in-order', async () => {
      seen.push([(await entriesOfOrder(shop.id, before.id)).length, (await entriesOfOrder(shop.id, after.id)).length]);
      return 'done';
    });
    expect(seen).toEqual([[1, 0]]);
    expect((await entriesOfOrder(shop.id, after.id)).map((e) => e.points)).toEqual([20]);
  });
});
