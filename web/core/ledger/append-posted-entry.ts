import { AppError } from '../errors/app-error';
import type { Tx } from '../db-client';
import { asSqlExecutor, type SqlExecutor } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import { insertEntryOnce } from './insert-entry';
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
  const ref = await insertEntryOnce(tx, entry, 'posted', { now: options.now });
  if (!ref.created) return ref;
  const guarded = entry.points < 0 && !options.allowNegative;
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
