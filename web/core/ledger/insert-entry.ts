// Inserts a ledger entry unless its idempotency key is taken; the unique index is the guard, so two
// racing deliveries of the same effect produce one entry. Shared by the ledger's use cases only.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db-client';
import { asSqlExecutor, type SqlExecutor } from '../sql/sql-client';
import { sql, type SqlQuery } from '../sql/sql-query';
import type { EntryStatus, LedgerEntryRef, NewLedgerEntry } from './ledger-types';

export interface EntryInsertRow {
  id: string;
  entry: NewLedgerEntry;
  status: EntryStatus;
  now: Date;
  availableAt: Date | null;
  postedAt: Date | null;
}

export function entryInsertRow(entry: NewLedgerEntry, status: EntryStatus, times: { now: Date; availableAt?: Date | null }): EntryInsertRow {
  if (!Number.isInteger(entry.points)) throw new Error(`ledger points must be an integer, got ${entry.points}`);
  return { id: randomUUID(), entry, status, now: times.now, availableAt: times.availableAt ?? null, postedAt: status === 'posted' ? times.now : null };
}

/** INSERT … ON CONFLICT DO NOTHING RETURNING "id": no row when the idempotency key is taken. */
export function insertEntrySql({ id, entry, status, now, availableAt, postedAt }: EntryInsertRow): SqlQuery {
  return sql`
    INSERT INTO "LedgerEntry" ("id", "shopId", "memberId", "type", "status", "points", "description", "sourceType", "sourceId",
      "orderId", "lineItemId", "staffUserId", "locationId", "reversesId", "idempotencyKey", "availableAt", "postedAt", "createdAt")
    VALUES (${id}, ${entry.shopId}, ${entry.memberId}, ${entry.type}, ${status}, ${entry.points}, ${entry.description}, ${entry.sourceType}, ${entry.sourceId},
      ${entry.orderId ?? null}, ${entry.lineItemId ?? null}, ${entry.staffUserId ?? null}, ${entry.locationId ?? null}, ${entry.reversesId ?? null},
      ${entry.idempotencyKey}, ${availableAt}, ${postedAt}, ${now})
    ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING
    RETURNING "id"`;
}

export async function existingEntryId(tx: SqlExecutor, entry: NewLedgerEntry): Promise<string> {
  const [existing] = await tx.query<{ id: string }>(sql`
    SELECT "id" FROM "LedgerEntry" WHERE "shopId" = ${entry.shopId} AND "idempotencyKey" = ${entry.idempotencyKey}`);
  if (!existing) throw new Error(`ledger entry ${entry.idempotencyKey} conflicted but cannot be read`);
  return existing.id;
}

export async function insertEntryOnce(
  target: SqlExecutor | Tx,
  entry: NewLedgerEntry,
  status: EntryStatus,
  times: { now: Date; availableAt?: Date | null },
): Promise<LedgerEntryRef> {
  const tx = asSqlExecutor(target);
  const row = entryInsertRow(entry, status, times);
  const rows = await tx.query<{ id: string }>(insertEntrySql(row));
  if (rows.length > 0) return { id: rows[0]!.id, created: true };
  return { id: await existingEntryId(tx, entry), created: false };
}
