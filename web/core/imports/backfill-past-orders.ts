// Points for orders placed before the app was installed, read from a bulk export of orders (JSONL:
// an order line, then its line items with `__parentId`, grouped so a parent's children follow it).
// The orders go through the same set-based path as order webhooks (applyOrderBatch): the same rules
// in force today, the same idempotency key per line (`earn:line:<line id>`) and per visit, so a
// rerun, a resumed job or an order the webhooks also deliver never credits twice, and an order the
// webhooks already recorded is left as it is. The orders' spend is not added again to lifetime spend:
// the customer import took it from Shopify's total. Credits follow the normal timing: what is due
// already (a service whose appointment plus the delay is past, a paid product) is written posted at once
// (`postDueBy`), without a message to the customer; a booking still ahead stays pending until then.
import type { Db } from '../db-client';
import { parseMoneyToMinor } from '../money';
import { applyOrderBatch } from '../orders/apply-order-batch';
import { loadEarningContext } from '../orders/load-earning-context';
import type { OrderLineSnapshot, OrderSnapshot } from '../orders/order-snapshot';
import { describeNewLine, planOrderEarnings } from '../orders/plan-order-earnings';
import { sqlClientOf } from '../sql/sql-client';
import { sql, sqlList } from '../sql/sql-query';
import type { NumberedLine } from './read-lines';

interface OrderJson {
  id: string;
  name?: string;
  processedAt: string;
  updatedAt?: string;
  cancelledAt?: string | null;
  currencyCode: string;
  displayFinancialStatus?: string | null;
  displayFulfillmentStatus?: string | null;
  customer?: { id: string } | null;
}

interface LineItemJson {
  id: string;
  title?: string;
  quantity: number;
  currentQuantity?: number;
  isGiftCard?: boolean;
  product?: { id: string } | null;
  variant?: { id: string } | null;
  customAttributes?: Array<{ key: string; value: string | null }>;
  discountedTotalSet?: { shopMoney?: { amount: string; currencyCode: string } };
  __parentId: string;
}

export interface PastOrder {
  /** null: the order earns nothing (cancelled, unpaid, no customer, nothing left after refunds) */
  snapshot: OrderSnapshot | null;
  /** the order's last JSONL line: the checkpoint once it is applied */
  lastLine: number;
}

const FINANCIAL_STATUS: Record<string, string> = { PAID: 'paid', PARTIALLY_REFUNDED: 'partially_refunded' };

export function toPastOrderSnapshot(order: OrderJson, items: LineItemJson[]): OrderSnapshot | null {
  const financialStatus = FINANCIAL_STATUS[order.displayFinancialStatus ?? ''];
  if (!financialStatus || order.cancelledAt || !order.customer?.id) return null;
  const lines: OrderLineSnapshot[] = [];
  for (const item of items) {
    const quantity = item.currentQuantity ?? item.quantity;
    if (quantity <= 0) continue;
    const money = item.discountedTotalSet?.shopMoney;
    const total = money ? parseMoneyToMinor(money.amount, money.currencyCode) : 0;
    // A refunded part of the line no longer counts: what is left, in proportion.
    const eligible = item.isGiftCard ? 0 : Math.round((total * quantity) / Math.max(1, item.quantity));
    lines.push({
      shopifyLineItemId: item.id, productId: item.product?.id ?? null, variantId: item.variant?.id ?? null, title: item.title ?? '', quantity,
      eligibleMinor: eligible, isGiftCard: item.isGiftCard === true,
      properties: (item.customAttributes ?? []).map((a) => ({ name: a.key, value: a.value ?? '' })),
    });
  }
  if (lines.length === 0) return null;
  return {
    shopifyOrderId: order.id, name: order.name ?? '', currency: order.currencyCode, processedAt: new Date(order.processedAt),
    updatedAt: new Date(order.updatedAt ?? order.processedAt), cancelledAt: null, financialStatus,
    fulfillmentStatus: order.displayFulfillmentStatus === 'FULFILLED' ? 'fulfilled' : '', locationId: null,
    customer: { shopifyCustomerId: order.customer.id }, lines, refunds: [],
  };
}

/** Orders from the JSONL lines after `skipThrough` (the checkpoint), each with its line items. */
export async function* readPastOrders(lines: AsyncIterable<NumberedLine>, skipThrough = 0): AsyncGenerator<PastOrder> {
  let current: { order: OrderJson; items: LineItemJson[]; lastLine: number } | null = null;
  for await (const line of lines) {
    if (line.number <= skipThrough || line.text.trim() === '') continue;
    const value = JSON.parse(line.text) as Record<string, unknown>;
    if (typeof value.__parentId === 'string') {
      if (!current || current.order.id !== value.__parentId) throw new Error(`line ${line.number}: a line item whose order is not the one before it (the export must group objects)`);
      current.items.push(value as unknown as LineItemJson);
      current.lastLine = line.number;
      continue;
    }
    if (current) yield { snapshot: toPastOrderSnapshot(current.order, current.items), lastLine: current.lastLine };
    current = { order: value as unknown as OrderJson, items: [], lastLine: line.number };
  }
  if (current) yield { snapshot: toPastOrderSnapshot(current.order, current.items), lastLine: current.lastLine };
}

/** Orders of the list that the app has already recorded earnings for (webhooks, an earlier run). */
async function recordedOrderIds(db: Db, shopId: string, orderIds: string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const rows = await sqlClientOf(db).query<{ shopifyOrderId: string }>(sql`
    SELECT "shopifyOrderId" FROM "OrderRecord" WHERE "shopId" = ${shopId} AND "earningRecordedAt" IS NOT NULL AND "shopifyOrderId" IN ${sqlList(orderIds)}`);
  return new Set(rows.map((row) => row.shopifyOrderId));
}

export interface BackfillPreview {
  orders: number;
  members: number;
  points: number;
  alreadyRecorded: number;
}

/** What the backfill would credit, computed like the apply does, without writing anything. */
export async function previewPastOrders(db: Db, shopId: string, orders: AsyncIterable<PastOrder>, now: Date, batchSize = 1000): Promise<BackfillPreview> {
  const preview: BackfillPreview = { orders: 0, members: 0, points: 0, alreadyRecorded: 0 };
  const customers = new Set<string>();
  const spend = new Map<string, number>();
  const flush = async (batch: OrderSnapshot[]) => {
    const recorded = await recordedOrderIds(db, shopId, batch.map((o) => o.shopifyOrderId));
    const fresh = batch.filter((o) => !recorded.has(o.shopifyOrderId));
    preview.alreadyRecorded += batch.length - fresh.length;
    const unknown = [...new Set(fresh.map((o) => o.customer!.shopifyCustomerId))].filter((id) => !spend.has(id));
    if (unknown.length > 0) {
      const rows = await sqlClientOf(db).query<{ shopifyCustomerId: string; lifetimeSpendMinor: number | bigint }>(sql`
        SELECT "shopifyCustomerId", "lifetimeSpendMinor" FROM "Member" WHERE "shopId" = ${shopId} AND "shopifyCustomerId" IN ${sqlList(unknown)}`);
      for (const id of unknown) spend.set(id, 0);
      for (const row of rows) spend.set(row.shopifyCustomerId, Number(row.lifetimeSpendMinor));
    }
    const productIds = [...new Set(fresh.flatMap((o) => o.lines.map((l) => l.productId)).filter((id): id is string => id !== null))];
    const context = await loadEarningContext(db.prisma, shopId, productIds);
    for (const order of fresh) {
      const customerId = order.customer!.shopifyCustomerId;
      const plan = planOrderEarnings(context, order, order.lines.map((line) => describeNewLine(context, line)), {
        shopId, memberId: customerId, paidAt: now, fulfilledAt: order.fulfillmentStatus === 'fulfilled' ? now : null, lifetimeSpendMinor: spend.get(customerId) ?? 0,
      });
      const points = plan.entries.reduce((sum, planned) => sum + planned.entry.points, 0);
      preview.orders += 1;
      preview.points += points;
      if (points > 0) customers.add(customerId);
    }
  };
  let batch: OrderSnapshot[] = [];
  for await (const order of orders) {
    if (!order.snapshot) continue;
    batch.push(order.snapshot);
    if (batch.length >= batchSize) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await flush(batch);
  preview.members = customers.size;
  return preview;
}

export interface BackfillProgress {
  processed: number;
  orders: number;
  pointsRecorded: number;
  /** false: stopped at `stopAt` with lines left (the checkpoint says where to go on) */
  finished: boolean;
}

/**
 * The checkpoint of a batch that starts after line `after`: moved only when every earlier batch has
 * committed (the checkpoint is then exactly `after`), so it never runs ahead of work that is not done.
 */
function advanceCheckpointSql(jobId: string, after: number, lastLine: number, now: Date) {
  return sql`UPDATE "ImportJob" SET "processed" = ${lastLine}, "updatedAt" = ${now} WHERE "id" = ${jobId} AND "processed" = ${after}`;
}

/**
 * Applies the orders in batches, `concurrency` of them at a time (PostgreSQL: two, so one batch's
 * statements run while the next is planned and written; SQLite has one writer). Each batch moves the
 * job's checkpoint to its last JSONL line in its own transaction when every earlier batch has
 * committed; a batch that finishes before an earlier one moves it right after that one. A crash can
 * therefore at most leave committed batches after the checkpoint, which a restart applies again without
 * effect (idempotency keys, and orders already recorded are skipped). `onBatch` reports progress in
 * line order (and may stop the run by throwing).
 */
export async function applyPastOrders(
  db: Db,
  shopId: string,
  jobId: string,
  orders: AsyncIterable<PastOrder>,
  now: Date,
  options: {
    batchSize?: number;
    concurrency?: number;
    startAfter?: number;
    /** epoch ms after which no new batch starts (a task's time box, inside its lease) */
    stopAt?: number;
    onBatch?: (progress: BackfillProgress) => Promise<void> | void;
  } = {},
): Promise<BackfillProgress> {
  const progress: BackfillProgress = { processed: options.startAfter ?? 0, orders: 0, pointsRecorded: 0, finished: true };
  const concurrency = Math.max(1, options.concurrency ?? (db.kind === 'postgresql' ? 2 : 1));
  /** last line of each committed batch, keyed by the line it starts after */
  const committed = new Map<number, number>();
  let checkpoint = progress.processed;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;

  const apply = async (batch: PastOrder[], after: number) => {
    const lastLine = batch[batch.length - 1]!.lastLine;
    const snapshots = batch.flatMap((order) => (order.snapshot ? [order.snapshot] : []));
    const recorded = await recordedOrderIds(db, shopId, snapshots.map((s) => s.shopifyOrderId));
    const items = snapshots.filter((s) => !recorded.has(s.shopifyOrderId)).map((snapshot) => ({ key: snapshot.shopifyOrderId, shopId, snapshot, trigger: 'paid' as const }));
    let moved = 0;
    if (items.length > 0) {
      const result = await applyOrderBatch(db, items, now, {
        countSpend: false,
        postDueBy: now,
        inTransaction: async (tx) => {
          moved = await tx.execute(advanceCheckpointSql(jobId, after, lastLine, now));
        },
      });
      progress.pointsRecorded += result.pendingPointsRecorded + result.postedPointsRecorded;
    } else {
      moved = await sqlClientOf(db).execute(advanceCheckpointSql(jobId, after, lastLine, now));
    }
    progress.orders += items.length;
    committed.set(after, lastLine);
    if (moved > 0 && after === checkpoint) checkpoint = lastLine;
    // Catch up over batches that committed while an earlier one was still running.
    let end = checkpoint;
    while (committed.has(end)) end = committed.get(end)!;
    if (end > checkpoint) {
      await sqlClientOf(db).execute(sql`UPDATE "ImportJob" SET "processed" = ${end}, "updatedAt" = ${now} WHERE "id" = ${jobId} AND "processed" < ${end}`);
      checkpoint = end;
    }
    if (checkpoint > progress.processed) {
      progress.processed = checkpoint;
      await options.onBatch?.(progress);
    }
  };
  const start = (batch: PastOrder[], after: number) => {
    const running: Promise<void> = apply(batch, after).catch((error: unknown) => {
      failure ??= error;
    }).finally(() => inFlight.delete(running));
    inFlight.add(running);
  };

  let batch: PastOrder[] = [];
  let after = progress.processed;
  for await (const order of orders) {
    if (failure) break;
    if (batch.length === 0 && after > (options.startAfter ?? 0) && options.stopAt !== undefined && Date.now() > options.stopAt) {
      progress.finished = false;
      break;
    }
    batch.push(order);
    if (batch.length < (options.batchSize ?? 1000)) continue;
    start(batch, after);
    after = batch[batch.length - 1]!.lastLine;
    batch = [];
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  if (batch.length > 0 && !failure && progress.finished) start(batch, after);
  await Promise.all(inFlight);
  if (failure) throw failure;
  return progress;
}
