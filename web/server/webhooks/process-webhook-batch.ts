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
  /** applied in a batch, marked done in its transaction */
  | { status: 'done' }
  /** run alone through `runOne` (the topic's handler), which recorded its outcome */
  | { status: 'ran'; outcome: 'done' | 'retry' | 'failed' }
  /** never ran: to be recorded as failed (permanent: no retry) */
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
  return async function processWebhookTasks(
    context: WebhookContext,
    tasks: TaskRow[],
    workerId: string,
    runOne: (task: TaskRow) => Promise<'done' | 'retry' | 'failed'>,
  ): Promise<Map<string, WebhookTaskOutcome>> {
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
    const itemOf = new Map<string, OrderBatchItem>();
    for (const task of tasks) {
      if (outcomes.has(task.id)) continue;
      const delivery = deliveries.get(deliveryIdOf.get(task.id)!);
      const handler = delivery ? byTopic.get(delivery.topic) : undefined;
      if (!delivery || !isOrderTopicHandler(handler)) continue;
      const shopId = shops.get(delivery.shopDomain);
      if (!shopId) {
        outcomes.set(task.id, { status: 'failed', error: new Error(`shop ${delivery.shopDomain} is not installed`), permanent: false });
        continue;
      }
      try {
        const payload = parseDeliveryBody(delivery.topic, delivery.payload);
        itemOf.set(task.id, { key: task.id, shopId, snapshot: parseOrderPayload(delivery.topic, payload), trigger: handler.orderTrigger });
      } catch (error) {
        outcomes.set(task.id, { status: 'failed', error: error as Error, permanent: error instanceof MalformedPayloadError });
      }
    }
    const byId = new Map(tasks.map((task) => [task.id, task]));
    const runAlone = async (taskId: string) => outcomes.set(taskId, { status: 'ran', outcome: await runOne(byId.get(taskId)!) });
    // Consecutive order deliveries go together; any other delivery runs alone at its place in the claim,
    // so a customers/create queued before an order still runs before it.
    let run: OrderBatchItem[] = [];
    const flush = async () => {
      const items = run;
      run = [];
      if (items.length === 0) return;
      let oneByOne: string[];
      try {
        const result = await applyOrderBatch(context.db, items, context.now(), {
          inTransaction: async (tx, applied) => {
            await tx.execute(completeTasksSql(applied, workerId, context.now()));
          },
        });
        for (const key of result.applied) outcomes.set(key, { status: 'done' });
        oneByOne = result.individually;
      } catch (error) {
        context.logger.warn({ err: error, tasks: items.length }, 'order batch failed; applying its deliveries one by one');
        oneByOne = items.map((item) => item.key);
      }
      for (const key of oneByOne) await runAlone(key);
    };
    for (const task of tasks) {
      if (outcomes.has(task.id)) continue;
      const item = itemOf.get(task.id);
      if (item) {
        run.push(item);
        continue;
      }
      await flush();
      await runAlone(task.id);
    }
    await flush();
    return outcomes;
  };
}
