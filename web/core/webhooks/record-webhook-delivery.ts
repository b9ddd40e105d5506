// Stores verified webhook deliveries and queues their processing, in one statement per batch (one
// transaction on SQLite). A delivery whose (shop, webhook id) was seen before changes nothing: Shopify
// delivers at least once. Batching lets concurrent requests share one round trip and one commit.
// This module owns the "WebhookDelivery" table.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db-client';
import { sqlClientOf } from '../sql/sql-client';
import { joinSql, sql, sqlList, type SqlQuery } from '../sql/sql-query';
import { PROCESS_WEBHOOK_TASK } from '../tasks/task-kinds';
import { enqueueTasks, enqueueTasksFromSql } from '../tasks/task-queue';

export interface WebhookDeliveryInput {
  shopDomain: string;
  webhookId: string;
  topic: string;
  apiVersion: string;
  eventId: string | null;
  triggeredAt: Date | null;
  rawBody: string;
}

type Stored = { id: string; shopDomain: string; webhookId: string };

const deliveryKey = (shopDomain: string, webhookId: string) => `${shopDomain}\n${webhookId}`;

function insertDeliveriesSql(deliveries: WebhookDeliveryInput[], now: Date): SqlQuery {
  const rows = deliveries.map((d) => sql`(${randomUUID()}, ${d.shopDomain}, ${d.webhookId}, ${d.topic}, ${d.apiVersion}, ${d.eventId}, ${d.triggeredAt}, ${d.rawBody}, ${now})`);
  return sql`
    INSERT INTO "WebhookDelivery" ("id", "shopDomain", "webhookId", "topic", "apiVersion", "eventId", "triggeredAt", "payload", "receivedAt")
    VALUES ${joinSql(rows)}
    ON CONFLICT ("shopDomain", "webhookId") DO NOTHING
    RETURNING "id", "shopDomain", "webhookId"`;
}

async function record(db: Db, deliveries: WebhookDeliveryInput[], now: Date): Promise<Stored[]> {
  const client = sqlClientOf(db);
  if (client.dialect === 'postgresql') {
    // One round trip: the deliveries and their tasks in one statement.
    const tasks = enqueueTasksFromSql(PROCESS_WEBHOOK_TASK, sql`
      SELECT gen_random_uuid()::text AS "id", d."shopDomain", 'webhook:' || d."shopDomain" || ':' || d."webhookId" AS "reference",
             json_build_object('deliveryId', d."id")::text AS "payload"
      FROM delivery d`, now);
    return client.query<Stored>(sql`
      WITH delivery AS (${insertDeliveriesSql(deliveries, now)}), task AS (${tasks})
      SELECT "id", "shopDomain", "webhookId" FROM delivery`);
  }
  return client.transaction(async (tx) => {
    const inserted = await tx.query<Stored>(insertDeliveriesSql(deliveries, now));
    await enqueueTasks(tx, inserted.map((d) => ({
      shopDomain: d.shopDomain,
      kind: PROCESS_WEBHOOK_TASK,
      reference: `webhook:${d.shopDomain}:${d.webhookId}`,
      payload: { deliveryId: d.id },
      runAt: now,
    })), now);
    return inserted;
  });
}

/** Returns, for each delivery in order, whether it had been recorded before (a duplicate). */
export async function recordWebhookDeliveries(db: Db, deliveries: WebhookDeliveryInput[], now = new Date()): Promise<Array<{ duplicate: boolean }>> {
  if (deliveries.length === 0) return [];
  const inserted = new Set((await record(db, deliveries, now)).map((row) => deliveryKey(row.shopDomain, row.webhookId)));
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

export interface StoredWebhookDelivery {
  id: string;
  shopDomain: string;
  topic: string;
  webhookId: string;
  payload: string;
}

/** Stored deliveries by id (the job process reads a claimed batch's deliveries at once). */
export async function findWebhookDeliveries(db: Db, ids: string[]): Promise<Map<string, StoredWebhookDelivery>> {
  if (ids.length === 0) return new Map();
  const rows = await sqlClientOf(db).query<StoredWebhookDelivery>(sql`
    SELECT "id", "shopDomain", "topic", "webhookId", "payload" FROM "WebhookDelivery" WHERE "id" IN ${sqlList(ids)}`);
  return new Map(rows.map((row) => [row.id, row]));
}
