// The "OrderRecord" table's raw-SQL statements, for both paths that apply order snapshots: rows are
// inserted when first seen and locked in key order (so transactions sharing orders queue instead of
// deadlocking), and a batch's final state is written back in one statement.
import { randomUUID } from 'node:crypto';
import type { DbKind } from '../db-client';
import { minorUnitsFromColumn } from '../money';
import type { SqlExecutor } from '../sql/sql-client';
import { joinSql, sql, sqlList, toDate, toDateOrNull, type SqlQuery } from '../sql/sql-query';
import type { OrderSnapshot } from './order-snapshot';

export interface OrderRow {
  id: string;
  shopId: string;
  shopifyOrderId: string;
  memberId: string | null;
  name: string;
  currency: string;
  eligibleMinor: number;
  financialStatus: string;
  fulfillmentStatus: string;
  locationId: string | null;
  processedAt: Date;
  cancelledAt: Date | null;
  shopifyUpdatedAt: Date;
  paidAt: Date | null;
  fulfilledAt: Date | null;
  earningRecordedAt: Date | null;
  refundIds: string;
  createdAt: Date;
}

export const orderKey = (shopId: string, shopifyOrderId: string) => `${shopId}\n${shopifyOrderId}`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const ORDER_COLUMNS = sql`"id", "shopId", "shopifyOrderId", "memberId", "name", "currency", "eligibleMinor", "financialStatus", "fulfillmentStatus",
  "locationId", "processedAt", "cancelledAt", "shopifyUpdatedAt", "paidAt", "fulfilledAt", "earningRecordedAt", "refundIds", "createdAt"`;

export function readOrder(row: Record<string, unknown>): OrderRow {
  return {
    ...(row as unknown as OrderRow),
    eligibleMinor: minorUnitsFromColumn(row.eligibleMinor as number),
    processedAt: toDate(row.processedAt),
    cancelledAt: toDateOrNull(row.cancelledAt),
    shopifyUpdatedAt: toDate(row.shopifyUpdatedAt),
    paidAt: toDateOrNull(row.paidAt),
    fulfilledAt: toDateOrNull(row.fulfilledAt),
    earningRecordedAt: toDateOrNull(row.earningRecordedAt),
    createdAt: toDate(row.createdAt),
  };
}

/** Rows of one shop's keys, for statements that select by (shopId, key): `("shopId" = ? AND col IN (…)) OR …`. */
function perShop(keys: Array<{ shopId: string; value: string }>, column: SqlQuery): SqlQuery {
  const byShop = new Map<string, string[]>();
  for (const key of keys) byShop.set(key.shopId, [...(byShop.get(key.shopId) ?? []), key.value]);
  return joinSql([...byShop].map(([shopId, values]) => sql`("shopId" = ${shopId} AND ${column} IN ${sqlList(values)})`), ' OR ');
}

/** Statements with many rows go in chunks: both databases cap a statement's parameters. */
export async function inChunks<T, R>(rows: T[], size: number, run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += size) out.push(...(await run(rows.slice(i, i + size))));
  return out;
}

/**
 * Inserts the orders not seen before (from their first snapshot) and locks every one of them (key
 * order, PostgreSQL; SQLite has a single writer): returns the rows by orderKey and the keys created.
 */
export async function insertAndLockOrders(
  tx: SqlExecutor,
  kind: DbKind,
  wanted: Array<{ key: string; shopId: string; snapshot: OrderSnapshot }>,
  now: Date,
): Promise<{ orders: Map<string, OrderRow>; created: Set<string> }> {
  const sorted = [...wanted].sort((a, b) => byText(a.key, b.key));
  const created = new Set<string>();
  await inChunks(sorted, 500, async (chunk) => {
    const rows = chunk.map(({ shopId, snapshot: s }) => sql`(${randomUUID()}, ${shopId}, ${s.shopifyOrderId}, ${s.name}, ${s.currency}, 0, ${s.financialStatus},
      ${s.fulfillmentStatus}, ${s.locationId}, ${s.processedAt}, ${s.updatedAt}, '[]', ${now})`);
    const inserted = await tx.query<{ shopId: string; shopifyOrderId: string }>(sql`
      INSERT INTO "OrderRecord" ("id", "shopId", "shopifyOrderId", "name", "currency", "eligibleMinor", "financialStatus", "fulfillmentStatus",
        "locationId", "processedAt", "shopifyUpdatedAt", "refundIds", "createdAt")
      VALUES ${joinSql(rows)}
      ON CONFLICT ("shopId", "shopifyOrderId") DO NOTHING
      RETURNING "shopId", "shopifyOrderId"`);
    for (const row of inserted) created.add(orderKey(row.shopId, row.shopifyOrderId));
    return [];
  });
  const lock = kind === 'postgresql' ? sql` FOR UPDATE` : sql``;
  const rows = await inChunks(sorted, 500, (chunk) => tx.query<Record<string, unknown>>(sql`
    SELECT ${ORDER_COLUMNS} FROM "OrderRecord" WHERE ${perShop(chunk.map((w) => ({ shopId: w.shopId, value: w.snapshot.shopifyOrderId })), sql`"shopifyOrderId"`)}
    ORDER BY "shopId", "shopifyOrderId"${lock}`));
  const orders = new Map(rows.map(readOrder).map((row) => [orderKey(row.shopId, row.shopifyOrderId), row] as const));
  if (orders.size !== sorted.length) throw new Error('an order could not be read after its insert');
  return { orders, created };
}

/** Locks one recorded order for the transaction (PostgreSQL; SQLite has a single writer). */
export async function lockOrderRow(tx: SqlExecutor, kind: DbKind, shopId: string, shopifyOrderId: string): Promise<void> {
  if (kind === 'postgresql') await tx.query(sql`SELECT "id" FROM "OrderRecord" WHERE "shopId" = ${shopId} AND "shopifyOrderId" = ${shopifyOrderId} FOR UPDATE`);
}

export async function writeOrders(tx: SqlExecutor, orders: OrderRow[]): Promise<void> {
  await inChunks(orders, 300, async (chunk) => {
    const rows = chunk.map((o) => sql`(${o.id}, ${o.shopId}, ${o.shopifyOrderId}, ${o.memberId}, ${o.name}, ${o.currency}, ${o.eligibleMinor}, ${o.financialStatus},
      ${o.fulfillmentStatus}, ${o.locationId}, ${o.processedAt}, ${o.cancelledAt}, ${o.shopifyUpdatedAt}, ${o.paidAt}, ${o.fulfilledAt}, ${o.earningRecordedAt},
      ${o.refundIds}, ${o.createdAt})`);
    // The rows are locked by this transaction: the upsert only updates them (in one statement for the batch).
    await tx.execute(sql`
      INSERT INTO "OrderRecord" (${ORDER_COLUMNS}) VALUES ${joinSql(rows)}
      ON CONFLICT ("id") DO UPDATE SET "memberId" = excluded."memberId", "name" = excluded."name", "eligibleMinor" = excluded."eligibleMinor",
        "financialStatus" = excluded."financialStatus", "fulfillmentStatus" = excluded."fulfillmentStatus", "locationId" = excluded."locationId",
        "shopifyUpdatedAt" = excluded."shopifyUpdatedAt", "paidAt" = excluded."paidAt", "fulfilledAt" = excluded."fulfilledAt",
        "earningRecordedAt" = excluded."earningRecordedAt"`);
    return [];
  });
}

