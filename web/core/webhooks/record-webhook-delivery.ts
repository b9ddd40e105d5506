// Stores a verified webhook delivery and queues its processing, in one transaction. A delivery whose
// (shop, webhook id) was seen before changes nothing: Shopify delivers at least once.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db-client';

export interface WebhookDeliveryInput {
  shopDomain: string;
  webhookId: string;
  topic: string;
  apiVersion: string;
  eventId: string | null;
  triggeredAt: Date | null;
  rawBody: string;
}

export const PROCESS_WEBHOOK_TASK = 'process-webhook';

export async function recordWebhookDelivery(db: Db, delivery: WebhookDeliveryInput, now = new Date()): Promise<{ duplicate: boolean }> {
  const deliveryId = randomUUID();
  const taskId = randomUUID();
  const payload = JSON.stringify({ deliveryId });
  const reference = `webhook:${delivery.shopDomain}:${delivery.webhookId}`;
  if (db.kind === 'postgresql') {
    // One statement: the task row exists only when the delivery row was new.
    const inserted = await db.prisma.$executeRaw`
      WITH delivery AS (
        INSERT INTO "WebhookDelivery" ("id", "shopDomain", "webhookId", "topic", "apiVersion", "eventId", "triggeredAt", "payload", "receivedAt")
        VALUES (${deliveryId}, ${delivery.shopDomain}, ${delivery.webhookId}, ${delivery.topic}, ${delivery.apiVersion}, ${delivery.eventId}, ${delivery.triggeredAt}, ${delivery.rawBody}, ${now})
        ON CONFLICT ("shopDomain", "webhookId") DO NOTHING
        RETURNING "id")
      INSERT INTO "Task" ("id", "shopDomain", "kind", "reference", "payload", "status", "runAt", "attempts", "maxAttempts", "createdAt", "updatedAt")
      SELECT ${taskId}, ${delivery.shopDomain}, ${PROCESS_WEBHOOK_TASK}, ${reference}, ${payload}, 'queued', ${now}, 0, 8, ${now}, ${now} FROM delivery
      ON CONFLICT ("reference") DO NOTHING`;
    return { duplicate: inserted === 0 };
  }
  return db.prisma.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO "WebhookDelivery" ("id", "shopDomain", "webhookId", "topic", "apiVersion", "eventId", "triggeredAt", "payload", "receivedAt")
      VALUES (${deliveryId}, ${delivery.shopDomain}, ${delivery.webhookId}, ${delivery.topic}, ${delivery.apiVersion}, ${delivery.eventId}, ${delivery.triggeredAt}, ${delivery.rawBody}, ${now})
      ON CONFLICT ("shopDomain", "webhookId") DO NOTHING`;
    if (inserted === 0) return { duplicate: true };
    await tx.$executeRaw`
      INSERT INTO "Task" ("id", "shopDomain", "kind", "reference", "payload", "status", "runAt", "attempts", "maxAttempts", "createdAt", "updatedAt")
      VALUES (${taskId}, ${delivery.shopDomain}, ${PROCESS_WEBHOOK_TASK}, ${reference}, ${payload}, 'queued', ${now}, 0, 8, ${now}, ${now})
      ON CONFLICT ("reference") DO NOTHING`;
    return { duplicate: false };
  });
}
