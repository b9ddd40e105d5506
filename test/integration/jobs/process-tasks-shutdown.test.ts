// A job process that is shutting down claims no further batch: what it has not claimed stays queued for
// the next process, instead of being claimed and then abandoned to its lease.
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { createShop } from '../../fixtures/factories';
import { orderPayload } from '../../fixtures/order-payloads';
import { queueDeliveries } from '../../fixtures/queue-order-deliveries';
import { createTestApp } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('process-tasks during shutdown', (getDb) => {
  it('stops between batches once the shutdown signal is given', async () => {
    const db = getDb();
    const testApp = createTestApp(db);
    const shop = await createShop(db.prisma);
    await queueDeliveries(db, Array.from({ length: 6 }, () => ({ shopDomain: shop.domain, topic: 'orders/paid', payload: orderPayload({ lines: [{ price: '8.00' }] }) })));
    let stopping = false;
    // The process starts stopping while the first batch is being claimed (the claim reads the clock first).
    const context = { ...testApp.jobContext(() => { stopping = true; return new Date(); }), shouldStop: () => stopping };
    const counts = await processDueTasks(context, { batchSize: 2, claimers: 1 });
    expect(counts).toEqual({ done: 2, retry: 0, failed: 0 });
    expect(await db.prisma.task.count({ where: { shopDomain: shop.domain, status: 'queued' } })).toBe(4);
  });
});
