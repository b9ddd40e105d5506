// Moves a booking's credit to a new time. Pending entries get the new availableAt (history keeps its
// rows: only the date of a pending entry moves, as fulfilment does). Points already posted for a time
// that has now moved to the future (the crediting job won a race with the reschedule, or the booking
// moved after its credit) are reversed and pending again at the new time, so the member is credited
// once, at the new time.
import type { DbKind, Tx } from '../db-client';
import { appendPostedEntry } from './append-posted-entry';
import { lockCreditEntries, type CreditSource } from './lock-credit-entries';
import { recordPendingEarn } from './record-pending-earn';
import type { SourceType } from './ledger-types';

export interface MoveCreditOptions {
  availableAt: Date;
  now: Date;
  /** unique per change (the booking event's id): keys the reversal and the new pending entry */
  changeKey: string;
  /** false: only pending points move (a check-in never takes back what was credited) */
  movePosted: boolean;
  allowNegativeBalance: boolean;
}

export interface MovedCredit {
  /** when the credit was due before the change (latest pending date, else when it was posted) */
  before: Date | null;
  movedPoints: number;
  /** posted points reversed and pending again at the new time */
  repostedPoints: number;
}

const latest = (dates: Array<Date | null>) => dates.filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;

export async function moveCredit(tx: Tx, kind: DbKind, source: CreditSource, options: MoveCreditOptions): Promise<MovedCredit> {
  const entries = await lockCreditEntries(tx, kind, source);
  const pending = entries.filter((entry) => entry.status === 'pending' && entry.type === 'earn');
  const posted = entries.filter((entry) => entry.status === 'posted');
  const result: MovedCredit = {
    before: latest(pending.map((entry) => entry.availableAt)) ?? latest(posted.map((entry) => entry.postedAt)),
    movedPoints: 0,
    repostedPoints: 0,
  };
  const toMove = pending.filter((entry) => entry.availableAt?.getTime() !== options.availableAt.getTime());
  if (toMove.length > 0) {
    await tx.ledgerEntry.updateMany({ where: { id: { in: toMove.map((entry) => entry.id) }, status: 'pending' }, data: { availableAt: options.availableAt } });
    result.movedPoints = toMove.reduce((sum, entry) => sum + entry.points, 0);
  }
  const postedNet = posted.reduce((sum, entry) => sum + entry.points, 0);
  const original = posted.find((entry) => entry.type === 'earn');
  if (!options.movePosted || postedNet <= 0 || !original || options.availableAt <= options.now) return result;
  if (!options.allowNegativeBalance) {
    const member = await tx.member.findUniqueOrThrow({ where: { id: original.memberId }, select: { balance: true } });
    // Points already spent stay credited rather than driving the balance below zero.
    if (member.balance < postedNet) return result;
  }
  const common = {
    shopId: original.shopId, memberId: original.memberId, sourceType: original.sourceType as SourceType, sourceId: original.sourceId,
    orderId: original.orderId, lineItemId: original.lineItemId, locationId: original.locationId, reversesId: original.id,
  };
  await appendPostedEntry(tx, { ...common, type: 'reversal', points: -postedNet, description: `${original.description} — moved to the new appointment time`, idempotencyKey: `move:${options.changeKey}:out` }, { now: options.now, allowNegative: true });
  await recordPendingEarn(tx, { ...common, type: 'earn', points: postedNet, description: original.description, idempotencyKey: `move:${options.changeKey}:in` }, options.availableAt, options.now);
  result.repostedPoints = postedNet;
  return result;
}
