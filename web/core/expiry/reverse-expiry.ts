// Staff give expired points back: a `reversal` entry linked to the `expire` entry (the ledger is
// append-only), the balance moved and the audit row written in one transaction. Once per expiry.
import type { ExpiryReversalAnswer } from '../../contracts/points-expiry-api';
import { writeTransaction, type Db } from '../db-client';
import { AppError } from '../errors/app-error';
import { appendPostedEntry } from '../ledger/append-posted-entry';
import { recordStaffAction } from '../staff/record-staff-action';

export const expiryReversalKey = (expireEntryId: string) => `reversal:${expireEntryId}`;

export async function reverseExpiry(db: Db, input: { shopId: string; memberId: string; entryId: string; staffUserId: string; now: Date }): Promise<ExpiryReversalAnswer> {
  return writeTransaction(db, async (tx) => {
    const entry = await tx.ledgerEntry.findFirst({ where: { id: input.entryId, shopId: input.shopId, memberId: input.memberId } });
    if (!entry) throw new AppError('NOT_FOUND', 'That ledger entry was not found for this member.');
    if (entry.type !== 'expire' || entry.status !== 'posted') throw new AppError('VALIDATION', 'Only an expiry can be reversed here.');
    const ref = await appendPostedEntry(
      tx,
      {
        shopId: input.shopId, memberId: input.memberId, type: 'reversal', points: -entry.points, description: 'Expired points restored',
        sourceType: 'staff', sourceId: input.staffUserId, staffUserId: input.staffUserId, reversesId: entry.id, idempotencyKey: expiryReversalKey(entry.id),
      },
      { now: input.now, allowNegative: true },
    );
    if (!ref.created) throw new AppError('CONFLICT', 'This expiry has already been reversed.');
    await recordStaffAction(tx, { shopId: input.shopId, userId: input.staffUserId, action: 'member.expiry.reverse', target: input.memberId, details: { entryId: entry.id, reversalEntryId: ref.id, points: -entry.points } });
    const member = await tx.member.findUniqueOrThrow({ where: { id: input.memberId }, select: { balance: true } });
    return { reversalEntryId: ref.id, points: -entry.points, balance: member.balance };
  });
}
