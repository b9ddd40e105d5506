// Coalesces webhook deliveries that arrive together into one database write (group commit): each request
// still waits for its own delivery to be committed before answering 200, but concurrent requests share
// one round trip and one commit. Nothing waits on a timer: a delivery is written on the next turn of the
// event loop if a connection is free, and otherwise joins the batch that goes out when a write returns,
// so batches grow with the load and a lone delivery pays no extra latency. If a batch fails, its
// deliveries are retried one by one so that one bad delivery cannot fail the others.
import type { Db } from '../../core/db-client';
import { recordWebhookDeliveries, recordWebhookDelivery, type WebhookDeliveryInput } from '../../core/webhooks/record-webhook-delivery';

interface Pending {
  delivery: WebhookDeliveryInput;
  resolve: (result: { duplicate: boolean }) => void;
  reject: (error: unknown) => void;
}

export interface WebhookIngestBatcher {
  record(delivery: WebhookDeliveryInput): Promise<{ duplicate: boolean }>;
}

export function createWebhookIngestBatcher(db: Db, options: { maxBatch?: number; maxConcurrentWrites?: number } = {}): WebhookIngestBatcher {
  const maxBatch = options.maxBatch ?? 100;
  // Below the connection pool's size, so that ingest never takes every connection from the rest of the app.
  const maxConcurrentWrites = options.maxConcurrentWrites ?? 3;
  let queue: Pending[] = [];
  let writesInFlight = 0;
  let flushScheduled = false;

  async function write(batch: Pending[]): Promise<void> {
    try {
      const results = await recordWebhookDeliveries(db, batch.map((pending) => pending.delivery));
      batch.forEach((pending, index) => pending.resolve(results[index]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      await Promise.all(batch.map((pending) => recordWebhookDelivery(db, pending.delivery).then(pending.resolve, pending.reject)));
    }
  }

  function flush(): void {
    flushScheduled = false;
    while (queue.length > 0 && writesInFlight < maxConcurrentWrites) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      writesInFlight += 1;
      void write(batch).finally(() => {
        writesInFlight -= 1;
        scheduleFlush();
      });
    }
  }

  function scheduleFlush(): void {
    if (flushScheduled || queue.length === 0) return;
    flushScheduled = true;
    // setImmediate: the requests whose bodies arrived in the same turn join this batch.
    setImmediate(flush);
  }

  return {
    record(delivery) {
      return new Promise((resolve, reject) => {
        queue.push({ delivery, resolve, reject });
        scheduleFlush();
      });
    },
  };
}
