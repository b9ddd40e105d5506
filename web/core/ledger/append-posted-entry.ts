import { AppError } from '../errors/app-error';
import type { Tx } from '../db-client';
import { asSqlExecutor, type SqlExecutor } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import { entryInsertRow, existingEntryId, insertEntryOnce, insertEntrySql } from './insert-entry';
import type { LedgerEntryRef, NewLedgerEntry } from './ledger-types';

export interface PostOptions {
  now: Date;
  /** when false, a debit that would take the balance below zero fails with INSUFFICIENT_POINTS */
  allowNegative: boolean;
}

/**
 * Appends a posted entry and moves the cached balance in the same transaction (a Prisma transaction
 * or a raw-SQL one). A debit is a conditional update (balance + points >= 0), so concurrent debits
 * can never overdraw.
 */
export async function appendPostedEntry(target: SqlExecutor | Tx, entry: NewLedgerEntry, options: PostOptions): Promise<LedgerEntryRef> {
  if (entry.points === 0) throw new AppError('VALIDATION', 'A ledger entry must move at least one point.');
  const tx = asSqlExecutor(target);
  const guarded = entry.points < 0 && !options.allowNegative;
  if (tx.dialect === 'postgresql') return appendInOneStatement(tx, entry, options.now, guarded);
  const ref = await insertEntryOnce(tx, entry, 'posted', { now: options.now });
  if (!ref.created) return ref;
  const changed = guarded
    ? await tx.execute(sql`
        UPDATE "Member" SET "balance" = "balance" + ${entry.points}, "updatedAt" = ${options.now}
        WHERE "id" = ${entry.memberId} AND "shopId" = ${entry.shopId} AND "balance" >= ${-entry.points}`)
    : await tx.execute(sql`
        UPDATE "Member" SET "balance" = "balance" + ${entry.points}, "updatedAt" = ${options.now}
        WHERE "id" = ${entry.memberId} AND "shopId" = ${entry.shopId}`);
  if (changed === 0) {
    if (guarded) throw new AppError('INSUFFICIENT_POINTS', 'The balance does not cover this many points.');
    throw new AppError('NOT_FOUND', 'This member was not found.');
  }
  return ref;
}

/**
 * PostgreSQL: the insert and the balance move as one statement (one round trip on the redemption
 * path). The member is moved only if the entry was inserted; a refused debit throws, and the caller's
 * transaction rolls the inserted entry back.
 */
async function appendInOneStatement(tx: SqlExecutor, entry: NewLedgerEntry, now: Date, guarded: boolean): Promise<LedgerEntryRef> {
  const row = entryInsertRow(entry, 'posted', { now });
  const minimum = guarded ? -entry.points : null;
  const [result] = await tx.query<{ entryId: string | null; moved: number }>(sql`
    WITH entry AS (${insertEntrySql(row)}),
    moved AS (
      UPDATE "Member" SET "balance" = "balance" + ${entry.points}, "updatedAt" = ${now}
      WHERE "id" = ${entry.memberId} AND "shopId" = ${entry.shopId} AND EXISTS (SELECT 1 FROM entry)
        AND (CAST(${minimum} AS INTEGER) IS NULL OR "balance" >= CAST(${minimum} AS INTEGER))
      RETURNING "id")
    SELECT (SELECT "id" FROM entry) AS "entryId", (SELECT COUNT(*) FROM moved) AS "moved"`);
  if (!result?.entryId) return { id: await existingEntryId(tx, entry), created: false };
  if (Number(result.moved) === 0) {
    if (guarded) throw new AppError('INSUFFICIENT_POINTS', 'The balance does not cover this many points.');
    throw new AppError('NOT_FOUND', 'This member was not found.');
  }
  return { id: result.entryId, created: true };
}
