// One shop's flood must not hold back another shop's order, nor a customer's reward behind bulk work.
import { ISSUE_REWARD_TASK } from '../../../web/core/redemption/redemption-types';
import { SYNC_CATALOG_TASK } from '../../../web/core/tasks/task-kinds';
import { createTaskClaimer, enqueueTasks } from '../../../web/core/tasks/task-queue';
import { createShop } from '../../fixtures/factories';
import { orderPayload } from '../../fixtures/order-payloads';
import { queueDeliveries } from '../../fixtures/queue-order-deliveries';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('claiming tasks under a one-shop flood', (getDb) => {
  it("takes another shop's order and a customer's reward in the first batch behind 3,000 queued orders", async () => {
    const db = getDb();
    const flooded = await createShop(db.prisma, { domain: 'flood.myshopify.com' });
    const quiet = await createShop(db.prisma, { domain: 'quiet.myshopify.com' });
    const earlier = new Date(Date.now() - 60_000);
    await queueDeliveries(db, Array.from({ length: 3000 }, () => ({ shopDomain: flooded.domain, topic: 'orders/paid', payload: orderPayload({ lines: [{ price: '10.00' }] }) })), earlier);
    await queueDeliveries(db, [{ shopDomain: quiet.domain, topic: 'orders/paid', payload: orderPayload({ lines: [{ price: '10.00' }] }) }]);
    // Queued last, and a catalogue sync of lower priority before it.
    await enqueueTasks(db.database, [
      { shopDomain: flooded.domain, kind: SYNC_CATALOG_TASK, reference: 'sync:flood', runAt: earlier },
      { shopDomain: flooded.domain, kind: ISSUE_REWARD_TASK, reference: 'issue:flood:1', payload: { redemptionId: 'r1' } },
    ]);
    const claimer = createTaskClaimer(db.database, { workerId: 'fair' });
    const first = await claimer.claim(100);
    expect(first.filter((t) => t.shopDomain === quiet.domain)).toHaveLength(1);
    // Most urgent first: the reward, then the order work; the catalogue sync waits.
    expect(first[0]!.kind).toBe(ISSUE_REWARD_TASK);
    expect(first.some((t) => t.kind === SYNC_CATALOG_TASK)).toBe(false);
    expect(first.length).toBeLessThanOrEqual(100);
    // The flooded shop still gets its share, oldest first.
    expect(first.filter((t) => t.shopDomain === flooded.domain).length).toBeGreaterThanOrEqual(49);
    const again = await claimer.claim(100);
    expect(again.every((t) => t.shopDomain === flooded.domain)).toBe(true);
    expect(new Set([...first, ...again].map((t) => t.id)).size).toBe(first.length + again.length);
  });
});
