import type { Tx } from '../db-client';
import { insertEntryOnce } from './insert-entry';
import type { LedgerEntryRef, NewLedgerEntry } from './ledger-types';

/**
 * Pending points: visible to the customer with their date, not spendable until posted. A null date
 * means "not yet known" (a product credited on fulfilment that has not shipped).
 */
export async function recordPendingEarn(tx: Tx, entry: NewLedgerEntry, availableAt: Date | null, now: Date): Promise<LedgerEntryRef> {
  if (entry.points <= 0) throw new Error('a pending earn must be positive');
  const ref = await insertEntryOnce(tx, entry, 'pending', { now, availableAt });
  if (ref.created) {
    await tx.member.update({ where: { id: entry.memberId }, data: { pendingPoints: { increment: entry.points } } });
  }
  return ref;
}
