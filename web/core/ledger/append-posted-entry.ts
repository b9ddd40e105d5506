import { AppError } from '../errors/app-error';
import type { Tx } from '../db-client';
import { insertEntryOnce } from './insert-entry';
import type { LedgerEntryRef, NewLedgerEntry } from './ledger-types';

export interface PostOptions {
  now: Date;
  /** when false, a debit that would take the balance below zero fails with INSUFFICIENT_POINTS */
  allowNegative: boolean;
}

/**
 * Appends a posted entry and moves the cached balance in the same transaction. A debit is a
 * conditional update (balance + points >= 0), so concurrent debits can never overdraw.
 */
export async function appendPostedEntry(tx: Tx, entry: NewLedgerEntry, options: PostOptions): Promise<LedgerEntryRef> {
  if (entry.points === 0) throw new AppError('VALIDATION', 'A ledger entry must move at least one point.');
  const ref = await insertEntryOnce(tx, entry, 'posted', { now: options.now });
  if (!ref.created) return ref;
  if (entry.points < 0 && !options.allowNegative) {
    const { count } = await tx.member.updateMany({
      where: { id: entry.memberId, shopId: entry.shopId, balance: { gte: -entry.points } },
      data: { balance: { increment: entry.points } },
    });
    if (count === 0) throw new AppError('INSUFFICIENT_POINTS', 'The balance does not cover this many points.');
  } else {
    await tx.member.update({ where: { id: entry.memberId }, data: { balance: { increment: entry.points } } });
  }
  return ref;
}
