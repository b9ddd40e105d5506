// Locks the live entries of one credit (a booking's earn entries and their reversals) before a change
// reads them. The crediting job claims due entries with FOR UPDATE SKIP LOCKED (post-due-credits.ts):
// while we hold the lock it skips them, and if it holds them we wait for its commit and then read
// them as posted. SQLite has one writer, so a write transaction is already exclusive there.
import type { DbKind, Tx } from '../db-client';
import { prismaSqlExecutor } from '../sql/sql-client';
import { sql, sqlList } from '../sql/sql-query';

export type CreditEntry = Awaited<ReturnType<Tx['ledgerEntry']['findMany']>>[number];

/** Whose points: an order line, an order's visit bonus, or a booking made without an order. */
export type CreditSource =
  | { kind: 'line'; shopId: string; lineItemId: string }
  | { kind: 'visit'; shopId: string; orderId: string }
  | { kind: 'booking'; shopId: string; bookingId: string };

function whereOf(source: CreditSource) {
  if (source.kind === 'line') return { shopId: source.shopId, lineItemId: source.lineItemId };
  // The visit bonus and the refund clawbacks of it (reverse-order-points.ts) carry no line.
  if (source.kind === 'visit') return { shopId: source.shopId, orderId: source.orderId, lineItemId: null, sourceType: { in: ['order', 'refund'] } };
  return { shopId: source.shopId, sourceType: 'booking', sourceId: source.bookingId };
}

export async function lockCreditEntries(tx: Tx, kind: DbKind, source: CreditSource): Promise<CreditEntry[]> {
  const live = { ...whereOf(source), status: { in: ['pending', 'posted'] } };
  const ids = (await tx.ledgerEntry.findMany({ where: live, select: { id: true } })).map((entry) => entry.id).sort();
  if (ids.length === 0) return [];
  if (kind === 'postgresql') {
    await prismaSqlExecutor(tx).query(sql`SELECT "id" FROM "LedgerEntry" WHERE "id" IN ${sqlList(ids)} ORDER BY "id" FOR UPDATE`);
  }
  // Read again after the lock: an entry the job posted meanwhile is read as posted.
  return tx.ledgerEntry.findMany({ where: { id: { in: ids }, status: { in: ['pending', 'posted'] } }, orderBy: { createdAt: 'asc' } });
}
