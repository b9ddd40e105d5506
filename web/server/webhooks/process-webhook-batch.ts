// Runs a claimed batch of `process-webhook` tasks: the orders/* deliveries among them are applied
// set-based (applyOrderBatch, their tasks marked done in the same commit); every other delivery, the
// orders that cancel or refund, and the whole batch when its transaction fails, go one by one
// through the topic handlers. A malformed delivery is isolated: it fails for good, the others apply.
import { applyOrderBatch, type OrderBatchItem } from '../../core/orders/apply-order-batch';
import { sqlClientOf } from '../../core/sql/sql-client';
import { sql, sqlList } from '../../core/sql/sql-query';
import { completeTasksSql, type TaskRow } from '../../core/tasks/task-queue';
import { findWebhookDeliveries } from '../../core/webhooks/record-webhook-delivery';
import type { OrderTopicHandler } from './order-topic-handler';
import { parseOrderPayload } from './order-payload';
import { parseDeliveryBody } from './process-webhook-delivery';
import { MalformedPayloadError, type WebhookContext, type WebhookHandler } from './webhook-handler';

export type WebhookTaskOutcome =
  | { status: 'done' }
  /** run it alone, through the topic's handler (in the order given) */
  | { status: 'one-by-one' }
  | { status: 'failed'; error: Error; permanent: boolean };

function isOrderTopicHandler(handler: WebhookHandler | undefined): handler is OrderTopicHandler {
  return handler !== undefined && 'orderTrigger' in handler;
}

async function shopIdsByDomain(context: WebhookContext, domains: string[]): Promise<Map<string, string>> {
  if (domains.length === 0) return new Map();
  const rows = await sqlClientOf(context.db).query<{ id: string; domain: string }>(sql`SELECT "id", "domain" FROM "Shop" WHERE "domain" IN ${sqlList(domains)}`);
  return new Map(rows.map((row) => [row.domain, row.id]));
}

export function createWebhookBatchProcessor(handlers: WebhookHandler[]) {
  const byTopic = new Map(handlers.map((handler) => [handler.topic, handler]));
  return async function processWebhookTasks(context: WebhookContext, tasks: TaskRow[], workerId: string): Promise<Map<string, WebhookTaskOutcome>> {
    const outcomes = new Map<string, WebhookTaskOutcome>();
    const deliveryIdOf = new Map<string, string>();
    for (const task of tasks) {
      try {
        deliveryIdOf.set(task.id, (JSON.parse(task.payload) as { deliveryId: string }).deliveryId);
      } catch {
        outcomes.set(task.id, { status: 'failed', error: new Error('task payload is not JSON'), permanent: true });
      }
    }
    const deliveries = await findWebhookDeliveries(context.db, [...deliveryIdOf.values()]);
    const orderTasks = tasks.filter((task) => isOrderTopicHandler(byTopic.get(deliveries.get(deliveryIdOf.get(task.id) ?? '')?.topic ?? '')));
    const shops = await shopIdsByDomain(context, [...new Set(orderTasks.map((task) => task.shopDomain))]);
    const items: OrderBatchItem[] = [];
    for (const task of tasks) {
      if (outcomes.has(task.id)) continue;
      const delivery = deliveries.get(deliveryIdOf.get(task.id)!);
      const handler = delivery ? byTopic.get(delivery.topic) : undefined;
      if (!delivery || !isOrderTopicHandler(handler)) {
        outcomes.set(task.id, { status: 'one-by-one' });
        continue;
      }
      const shopId = shops.get(delivery.shopDomain);
      if (!shopId) {
        outcomes.set(task.id, { status: 'failed', error: new Error(`shop ${delivery.shopDomain} is not installed`), permanent: false });
        continue;
      }
      try {
        const payload = parseDeliveryBody(delivery.topic, delivery.payload);
        items.push({ key: task.id, shopId, snapshot: parseOrderPayload(delivery.topic, payload), trigger: handler.orderTrigger });
      } catch (error) {
        outcomes.set(task.id, { status: 'failed', error: error as Error, permanent: error instanceof MalformedPayloadError });
      }
    }
    if (items.length > 0) {
      try {
        const result = await applyOrderBatch(context.db, items, context.now(), {
          inTransaction: async (tx, applied) => {
            await tx.execute(completeTasksSql(applied, workerId, context.now()));
          },
        });
        for (const key of result.applied) outcomes.set(key, { status: 'done' });
        for (const key of result.individually) outcomes.set(key, { status: 'one-by-one' });
      } catch (error) {
        context.logger.warn({ err: error, tasks: items.length }, 'order batch failed; applying its deliveries one by one');
        for (const item of items) outcomes.set(item.key, { status: 'one-by-one' });
      }
    }
    return outcomes;
  };
}
