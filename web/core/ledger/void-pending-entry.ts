import type { Tx } from '../db-client';

/** pending -> voided. Returns the points voided (0 when the entry was no longer pending). */
export async function voidPendingEntry(tx: Tx, shopId: string, entryId: string, now: Date): Promise<number> {
  const entry = await tx.ledgerEntry.findFirst({ where: { id: entryId, shopId }, select: { points: true, memberId: true } });
  if (!entry) return 0;
  // Conditional on the status, so a concurrent posting and a void cannot both win.
  const { count } = await tx.ledgerEntry.updateMany({ where: { id: entryId, status: 'pending' }, data: { status: 'voided', voidedAt: now } });
  if (count === 0) return 0;
  await tx.member.update({ where: { id: entry.memberId }, data: { pendingPoints: { decrement: entry.points } } });
  return entry.points;
}
