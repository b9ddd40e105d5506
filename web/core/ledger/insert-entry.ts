// Inserts a ledger entry unless its idempotency key is taken; the unique index is the guard, so two
// racing deliveries of the same effect produce one entry. Shared by the ledger's use cases only.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db-client';
import { asSqlExecutor, type SqlExecutor } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import type { EntryStatus, LedgerEntryRef, NewLedgerEntry } from './ledger-types';

export async function insertEntryOnce(
  target: SqlExecutor | Tx,
  entry: NewLedgerEntry,
  status: EntryStatus,
  times: { now: Date; availableAt?: Date | null },
): Promise<LedgerEntryRef> {
  if (!Number.isInteger(entry.points)) throw new Error(`ledger points must be an integer, got ${entry.points}`);
  const tx = asSqlExecutor(target);
  const id = randomUUID();
  const postedAt = status === 'posted' ? times.now : null;
  const rows = await tx.query<{ id: string }>(sql`
    INSERT INTO "LedgerEntry" ("id", "shopId", "memberId", "type", "status", "points", "description", "sourceType", "sourceId",
      "orderId", "lineItemId", "staffUserId", "locationId", "reversesId", "idempotencyKey", "availableAt", "postedAt", "createdAt")
    VALUES (${id}, ${entry.shopId}, ${entry.memberId}, ${entry.type}, ${status}, ${entry.points}, ${entry.description}, ${entry.sourceType}, ${entry.sourceId},
      ${entry.orderId ?? null}, ${entry.lineItemId ?? null}, ${entry.staffUserId ?? null}, ${entry.locationId ?? null}, ${entry.reversesId ?? null},
      ${entry.idempotencyKey}, ${times.availableAt ?? null}, ${postedAt}, ${times.now})
    ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING
    RETURNING "id"`);
  if (rows.length > 0) return { id: rows[0]!.id, created: true };
  const [existing] = await tx.query<{ id: string }>(sql`
    SELECT "id" FROM "LedgerEntry" WHERE "shopId" = ${entry.shopId} AND "idempotencyKey" = ${entry.idempotencyKey}`);
  if (!existing) throw new Error(`ledger entry ${entry.idempotencyKey} conflicted but cannot be read`);
  return { id: existing.id, created: false };
}
