// Coalesces webhook deliveries that arrive together into one database write: each request still waits
// for its own delivery to be committed before answering 200, but concurrent requests share one round
// trip and one commit. If a batch fails, its deliveries are retried one by one so that one bad delivery
// cannot fail the others.
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

export function createWebhookIngestBatcher(db: Db, options: { maxBatch?: number; maxWaitMs?: number } = {}): WebhookIngestBatcher {
  const maxBatch = options.maxBatch ?? 100;
  const maxWaitMs = options.maxWaitMs ?? 2;
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;

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
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length > 0) void write(batch);
  }

  return {
    record(delivery) {
      return new Promise((resolve, reject) => {
        queue.push({ delivery, resolve, reject });
        if (queue.length >= maxBatch) flush();
        else if (!timer) timer = setTimeout(flush, maxWaitMs);
      });
    },
  };
}
