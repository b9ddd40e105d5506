// Takes a booking's points away (no-show, cancelled without refund): pending points are voided;
// posted points follow the shop's clawback policy (claw_back -> one reversal linked to the original,
// keep -> nothing), never taking a balance below zero unless the shop allows it.
import type { DbKind, Tx } from '../db-client';
import { appendPostedEntry } from './append-posted-entry';
import { lockCreditEntries, type CreditSource } from './lock-credit-entries';
import type { SourceType } from './ledger-types';
import { voidPendingEntry } from './void-pending-entry';

export interface WithdrawCreditOptions {
  now: Date;
  /** unique per change: keys the reversal */
  changeKey: string;
  reason: string;
  clawbackPolicy: 'claw_back' | 'keep';
  allowNegativeBalance: boolean;
}

export async function withdrawCredit(tx: Tx, kind: DbKind, source: CreditSource, options: WithdrawCreditOptions): Promise<{ voided: number; clawedBack: number }> {
  const entries = await lockCreditEntries(tx, kind, source);
  const result = { voided: 0, clawedBack: 0 };
  for (const entry of entries.filter((e) => e.status === 'pending' && e.type === 'earn')) {
    result.voided += await voidPendingEntry(tx, source.shopId, entry.id, options.now);
  }
  const posted = entries.filter((entry) => entry.status === 'posted');
  const postedNet = posted.reduce((sum, entry) => sum + entry.points, 0);
  const original = posted.find((entry) => entry.type === 'earn');
  if (postedNet <= 0 || !original || options.clawbackPolicy === 'keep') return result;
  let amount = postedNet;
  if (!options.allowNegativeBalance) {
    const member = await tx.member.findUniqueOrThrow({ where: { id: original.memberId }, select: { balance: true } });
    amount = Math.min(amount, Math.max(0, member.balance));
  }
  if (amount <= 0) return result;
  await appendPostedEntry(
    tx,
    {
      shopId: original.shopId, memberId: original.memberId, type: 'reversal', points: -amount, description: `${original.description} — ${options.reason}`,
      sourceType: original.sourceType as SourceType, sourceId: original.sourceId, orderId: original.orderId, lineItemId: original.lineItemId,
      locationId: original.locationId, reversesId: original.id, idempotencyKey: `withdraw:${options.changeKey}`,
    },
    { now: options.now, allowNegative: true },
  );
  result.clawedBack = amount;
  return result;
}
