// Stores verified webhook deliveries and queues their processing, in one statement per batch (one
// transaction on SQLite). A delivery whose (shop, webhook id) was seen before changes nothing: Shopify
// delivers at least once. Batching lets concurrent requests share one round trip and one commit.
import { randomUUID } from 'node:crypto';
import { writeTransaction, type Db } from '../db-client';

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

const COLUMNS = 10;

interface Row {
  deliveryId: string;
  taskId: string;
  delivery: WebhookDeliveryInput;
}

const deliveryKey = (shopDomain: string, webhookId: string) => `${shopDomain}\n${webhookId}`;
const taskReference = (delivery: WebhookDeliveryInput) => `webhook:${delivery.shopDomain}:${delivery.webhookId}`;

function rowValues(row: Row): unknown[] {
  const d = row.delivery;
  return [row.deliveryId, d.shopDomain, d.webhookId, d.topic, d.apiVersion, d.eventId, d.triggeredAt, d.rawBody, row.taskId, taskReference(d)];
}

async function recordPostgres(db: Db, rows: Row[], now: Date): Promise<Set<string>> {
  const values = rows
    .map((_, r) => {
      const p = (c: number) => `$${r * COLUMNS + c + 1}`;
      return `(${p(0)}::text, ${p(1)}::text, ${p(2)}::text, ${p(3)}::text, ${p(4)}::text, ${p(5)}::text, ${p(6)}::timestamp(3), ${p(7)}::text, ${p(8)}::text, ${p(9)}::text)`;
    })
    .join(', ');
  const at = `$${rows.length * COLUMNS + 1}::timestamp(3)`;
  const inserted = await db.prisma.$queryRawUnsafe<Array<{ shopDomain: string; webhookId: string }>>(
    `WITH input ("id", "shopDomain", "webhookId", "topic", "apiVersion", "eventId", "triggeredAt", "payload", "taskId", "reference") AS (VALUES ${values}),
     delivery AS (
       INSERT INTO "WebhookDelivery" ("id", "shopDomain", "webhookId", "topic", "apiVersion", "eventId", "triggeredAt", "payload", "receivedAt")
       SELECT "id", "shopDomain", "webhookId", "topic", "apiVersion", "eventId", "triggeredAt", "payload", ${at} FROM input
       ON CONFLICT ("shopDomain", "webhookId") DO NOTHING
       RETURNING "id", "shopDomain", "webhookId"),
     task AS (
       INSERT INTO "Task" ("id", "shopDomain", "kind", "reference", "payload", "status", "runAt", "attempts", "maxAttempts", "createdAt", "updatedAt")
       SELECT i."taskId", d."shopDomain", '${PROCESS_WEBHOOK_TASK}', i."reference", json_build_object('deliveryId', d."id")::text, 'queued', ${at}, 0, 8, ${at}, ${at}
       FROM delivery d JOIN input i ON i."id" = d."id"
       ON CONFLICT ("reference") DO NOTHING)
     SELECT "shopDomain", "webhookId" FROM delivery`,
    ...rows.flatMap(rowValues),
    now,
  );
  return new Set(inserted.map((row) => deliveryKey(row.shopDomain, row.webhookId)));
}

async function recordSqlite(db: Db, rows: Row[], now: Date): Promise<Set<string>> {
  return writeTransaction(db, async (tx) => {
    const values = rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    const inserted = await tx.$queryRawUnsafe<Array<{ id: string; shopDomain: string; webhookId: string }>>(
      `INSERT INTO "WebhookDelivery" ("id", "shopDomain", "webhookId", "topic", "apiVersion", "eventId", "triggeredAt", "payload", "receivedAt")
       VALUES ${values}
       ON CONFLICT ("shopDomain", "webhookId") DO NOTHING
       RETURNING "id", "shopDomain", "webhookId"`,
      ...rows.flatMap((row) => [...rowValues(row).slice(0, 8), now]),
    );
    if (inserted.length > 0) {
      const byDeliveryId = new Map(rows.map((row) => [row.deliveryId, row]));
      await tx.$executeRawUnsafe(
        `INSERT INTO "Task" ("id", "shopDomain", "kind", "reference", "payload", "status", "runAt", "attempts", "maxAttempts", "createdAt", "updatedAt")
         VALUES ${inserted.map(() => `(?, ?, '${PROCESS_WEBHOOK_TASK}', ?, ?, 'queued', ?, 0, 8, ?, ?)`).join(', ')}
         ON CONFLICT ("reference") DO NOTHING`,
        ...inserted.flatMap((d) => {
          const row = byDeliveryId.get(d.id)!;
          return [row.taskId, d.shopDomain, taskReference(row.delivery), JSON.stringify({ deliveryId: d.id }), now, now, now];
        }),
      );
    }
    return new Set(inserted.map((row) => deliveryKey(row.shopDomain, row.webhookId)));
  });
}

/** Returns, for each delivery in order, whether it had been recorded before (a duplicate). */
export async function recordWebhookDeliveries(db: Db, deliveries: WebhookDeliveryInput[], now = new Date()): Promise<Array<{ duplicate: boolean }>> {
  if (deliveries.length === 0) return [];
  const rows = deliveries.map((delivery) => ({ deliveryId: randomUUID(), taskId: randomUUID(), delivery }));
  const inserted = db.kind === 'postgresql' ? await recordPostgres(db, rows, now) : await recordSqlite(db, rows, now);
  // The same delivery twice in one batch: only its first occurrence counts as new.
  const claimed = new Set<string>();
  return deliveries.map((delivery) => {
    const key = deliveryKey(delivery.shopDomain, delivery.webhookId);
    const isNew = inserted.has(key) && !claimed.has(key);
    if (isNew) claimed.add(key);
    return { duplicate: !isNew };
  });
}

export async function recordWebhookDelivery(db: Db, delivery: WebhookDeliveryInput, now = new Date()): Promise<{ duplicate: boolean }> {
  const [result] = await recordWebhookDeliveries(db, [delivery], now);
  return result!;
}
