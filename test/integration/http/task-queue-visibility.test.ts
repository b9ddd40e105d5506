// Back-pressure is visible: the operator sees the backlog per shop and kind (/metrics, /healthz), and a
// shop's staff see their own shop's backlog only.
import request from 'supertest';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createShop } from '../../fixtures/factories';
import { orderPayload } from '../../fixtures/order-payloads';
import { queueDeliveries } from '../../fixtures/queue-order-deliveries';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('task queue depth and age', (getDb) => {
  it('reports due orders and the age of the oldest per shop and kind, and each shop sees only its own', async () => {
    const db = getDb();
    const testApp = createTestApp(db);
    const busy = await createShop(db.prisma, { domain: 'busy-queue.myshopify.com' });
    const calm = await createShop(db.prisma, { domain: 'calm-queue.myshopify.com' });
    for (const shop of [busy, calm]) await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: `token-${shop.domain}`, scope: 'read_orders' });
    const minuteAgo = new Date(Date.now() - 60_000);
    await queueDeliveries(db, Array.from({ length: 30 }, () => ({ shopDomain: busy.domain, topic: 'orders/paid', payload: orderPayload({ lines: [{ price: '5.00' }] }) })), minuteAgo);
    await queueDeliveries(db, [{ shopDomain: calm.domain, topic: 'orders/paid', payload: orderPayload({ lines: [{ price: '5.00' }] }) }]);

    const metrics = await request(testApp.app).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toContain('loyalty_tasks{shop="busy-queue.myshopify.com",kind="process-webhook",state="due"} 30');
    expect(metrics.text).toContain('loyalty_tasks{shop="calm-queue.myshopify.com",kind="process-webhook",state="due"} 1');
    const age = Number(/loyalty_task_oldest_due_age_seconds\{shop="busy-queue\.myshopify\.com",kind="process-webhook"\} ([\d.]+)/.exec(metrics.text)?.[1]);
    expect(age).toBeGreaterThanOrEqual(59);

    const health = await request(testApp.app).get('/healthz');
    expect(health.body.queue['process-webhook'].due).toBeGreaterThanOrEqual(31);

    const token = await mintSessionToken({ shop: calm.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
    const own = await request(testApp.app).get('/api/tasks/queue').set('Authorization', `Bearer ${token}`);
    expect(own.status).toBe(200);
    expect(own.body.kinds).toEqual([expect.objectContaining({ kind: 'process-webhook', due: 1, running: 0, failed: 0 })]);
  });
});
