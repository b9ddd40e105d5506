import { recordWebhookDeliveries, type WebhookDeliveryInput } from '../../../web/core/webhooks/record-webhook-delivery';
import { createWebhookIngestBatcher } from '../../../web/server/http/webhook-ingest-batcher';
import { describeEachDatabase } from '../../support/test-database';

const delivery = (shopDomain: string, webhookId: string, rawBody = '{"id":1}'): WebhookDeliveryInput => ({
  shopDomain, webhookId, topic: 'orders/paid', apiVersion: '2026-07', eventId: null, triggeredAt: new Date('2026-11-25T10:00:00Z'), rawBody,
});

describeEachDatabase('batched webhook ingest', (getDb, kind) => {
  it('stores each new delivery once with one task, and flags repeats in the database and within the batch', async () => {
    const db = getDb();
    await recordWebhookDeliveries(db, [delivery('a.myshopify.com', 'w-old')]);
    const results = await recordWebhookDeliveries(db, [
      delivery('a.myshopify.com', 'w-1'),
      delivery('a.myshopify.com', 'w-old'),
      delivery('b.myshopify.com', 'w-1'),
      delivery('a.myshopify.com', 'w-1'),
    ]);
    expect(results.map((r) => r.duplicate)).toEqual([false, true, false, true]);
    expect(await db.prisma.webhookDelivery.count()).toBe(3);
    const tasks = await db.prisma.task.findMany({ orderBy: { reference: 'asc' } });
    expect(tasks.map((t) => t.reference)).toEqual(['webhook:a.myshopify.com:w-1', 'webhook:a.myshopify.com:w-old', 'webhook:b.myshopify.com:w-1']);
    const stored = await db.prisma.webhookDelivery.findFirstOrThrow({ where: { shopDomain: 'b.myshopify.com' } });
    expect(JSON.parse(tasks[2]!.payload)).toEqual({ deliveryId: stored.id });
    expect(stored.triggeredAt?.toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });

  it('answers every concurrent request from shared batches, each exactly once', async () => {
    const db = getDb();
    const batcher = createWebhookIngestBatcher(db, { maxBatch: 7, maxConcurrentWrites: 2 });
    const ids = Array.from({ length: 40 }, (_, i) => `c-${i % 30}`);
    const results = await Promise.all(ids.map((id) => batcher.record(delivery('c.myshopify.com', id))));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(30);
    expect(await db.prisma.webhookDelivery.count({ where: { shopDomain: 'c.myshopify.com' } })).toBe(30);
  });

  (kind === 'postgresql' ? it : it.skip)('keeps the good deliveries of a batch when one of them cannot be stored', async () => {
    const db = getDb();
    const batcher = createWebhookIngestBatcher(db, { maxBatch: 3 });
    // PostgreSQL refuses NUL characters in text.
    const outcomes = await Promise.allSettled([
      batcher.record(delivery('d.myshopify.com', 'ok-1')),
      batcher.record(delivery('d.myshopify.com', 'bad', '{"a":"\u0000"}')),
      batcher.record(delivery('d.myshopify.com', 'ok-2')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await db.prisma.webhookDelivery.count({ where: { shopDomain: 'd.myshopify.com' } })).toBe(2);
  });
});
