// Cancellations and refunds. Before credit, pending points are voided (a partly refunded line gets a
// smaller replacement entry); after credit they are clawed back with a reversal linked to the original,
// per the shop's policy, from the points actually earned then, never today's rules.
import type { Tx } from '../db-client';
import { minorUnitsFromColumn } from '../money';
import { appendPostedEntry } from '../ledger/append-posted-entry';
import { recordPendingEarn } from '../ledger/record-pending-earn';
import { voidPendingEntry } from '../ledger/void-pending-entry';
import type { EarningContext } from './load-earning-context';
import type { RefundSnapshot } from './order-snapshot';

type OrderRow = { id: string; shopId: string; shopifyOrderId: string; name: string; memberId: string | null; eligibleMinor: bigint | number; earningRecordedAt: Date | null; refundIds: string; cancelledAt: Date | null };

export interface Reversed {
  voided: number;
  clawedBack: number;
}

/** Points a line keeps after `refundedQuantity` of `quantity` units were refunded (rounded in the customer's favour). */
export function remainingLinePoints(earnedPoints: number, quantity: number, refundedQuantity: number): number {
  if (quantity <= 0) return 0;
  const kept = Math.max(0, quantity - Math.min(refundedQuantity, quantity));
  return Math.floor((earnedPoints * kept) / quantity);
}

/**
 * Brings the live entries of one source (a line, or the visit bonus) down to `target` points.
 * Pending entries are voided and replaced; posted points are clawed back (or kept, per policy).
 */
async function reduceToTarget(
  tx: Tx,
  context: EarningContext,
  order: OrderRow,
  source: { lineItemId: string | null; earnKey: string },
  target: number,
  reasonKey: string,
  reason: string,
  now: Date,
): Promise<Reversed> {
  const reversed: Reversed = { voided: 0, clawedBack: 0 };
  if (!order.memberId) return reversed;
  const entries = await tx.ledgerEntry.findMany({
    where: {
      shopId: order.shopId,
      orderId: order.shopifyOrderId,
      status: { in: ['pending', 'posted'] },
      ...(source.lineItemId ? { lineItemId: source.lineItemId } : { lineItemId: null, sourceType: { in: ['order', 'refund'] } }),
    },
    orderBy: { createdAt: 'asc' },
  });
  const current = entries.reduce((sum, entry) => sum + entry.points, 0);
  let excess = current - target;
  if (excess <= 0) return reversed;
  const original = entries.find((entry) => entry.type === 'earn');
  for (const pending of entries.filter((entry) => entry.status === 'pending' && entry.type === 'earn')) {
    if (excess <= 0) break;
    reversed.voided += await voidPendingEntry(tx, order.shopId, pending.id, now);
    const keep = pending.points - Math.min(excess, pending.points);
    excess -= pending.points - keep;
    if (keep > 0) {
      await recordPendingEarn(
        tx,
        {
          shopId: order.shopId, memberId: pending.memberId, type: 'earn', points: keep,
          description: `${pending.description} — ${reason}`, sourceType: pending.sourceType as 'line_item' | 'order', sourceId: pending.sourceId,
          idempotencyKey: `${source.earnKey}:after:${reasonKey}`, orderId: order.shopifyOrderId, lineItemId: pending.lineItemId,
          locationId: pending.locationId, reversesId: pending.id,
        },
        pending.availableAt ?? now,
        now,
      );
      reversed.voided -= keep;
    }
  }
  if (excess <= 0 || context.settings.clawbackPolicy === 'keep') return reversed;
  let amount = excess;
  if (!context.settings.allowNegativeBalance) {
    const member = await tx.member.findUniqueOrThrow({ where: { id: order.memberId }, select: { balance: true } });
    amount = Math.min(amount, Math.max(0, member.balance));
  }
  if (amount <= 0) return reversed;
  await appendPostedEntry(
    tx,
    {
      shopId: order.shopId, memberId: order.memberId, type: 'reversal', points: -amount,
      description: `${original?.description ?? order.name} — ${reason}`, sourceType: 'refund', sourceId: reasonKey,
      idempotencyKey: `clawback:${reasonKey}:${source.earnKey}`, orderId: order.shopifyOrderId, lineItemId: source.lineItemId,
      reversesId: original?.id ?? null,
    },
    { now, allowNegative: true },
  );
  reversed.clawedBack += amount;
  return reversed;
}

export async function cancelOrderInTransaction(tx: Tx, context: EarningContext, order: OrderRow, cancelledAt: Date, now: Date): Promise<Reversed> {
  const total: Reversed = { voided: 0, clawedBack: 0 };
  const lines = await tx.orderLine.findMany({ where: { orderRecordId: order.id } });
  const key = `cancel:${order.shopifyOrderId}`;
  for (const line of lines) {
    const r = await reduceToTarget(tx, context, order, { lineItemId: line.shopifyLineItemId, earnKey: `earn:line:${line.shopifyLineItemId}` }, 0, key, 'order cancelled', now);
    total.voided += r.voided;
    total.clawedBack += r.clawedBack;
  }
  const visit = await reduceToTarget(tx, context, order, { lineItemId: null, earnKey: `earn:visit:${order.shopifyOrderId}` }, 0, key, 'order cancelled', now);
  total.voided += visit.voided;
  total.clawedBack += visit.clawedBack;
  if (order.memberId && order.earningRecordedAt) {
    await decreaseLifetimeSpend(tx, order.memberId, minorUnitsFromColumn(order.eligibleMinor) - refundedEligibleMinor(lines));
  }
  await tx.orderRecord.update({ where: { id: order.id }, data: { cancelledAt } });
  return total;
}

type RefundedLine = { eligibleMinor: bigint | number; quantity: number; refundedQuantity: number };

/** The eligible spend refunded so far (OrderRecord.refundedMinor): each line's share of its refunded units. */
function refundedEligibleMinor(lines: RefundedLine[]): number {
  return lines.reduce((sum, line) => sum + Math.floor((minorUnitsFromColumn(line.eligibleMinor) * Math.min(line.refundedQuantity, line.quantity)) / Math.max(line.quantity, 1)), 0);
}

async function decreaseLifetimeSpend(tx: Tx, memberId: string, amountMinor: number): Promise<void> {
  if (amountMinor <= 0) return;
  const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { lifetimeSpendMinor: true } });
  await tx.member.update({ where: { id: memberId }, data: { lifetimeSpendMinor: Math.max(0, minorUnitsFromColumn(member.lifetimeSpendMinor) - amountMinor) } });
}

export async function applyRefundInTransaction(tx: Tx, context: EarningContext, order: OrderRow, refund: RefundSnapshot, now: Date): Promise<Reversed> {
  const applied = JSON.parse(order.refundIds) as string[];
  if (applied.includes(refund.refundId)) return { voided: 0, clawedBack: 0 };
  const total: Reversed = { voided: 0, clawedBack: 0 };
  const lines = await tx.orderLine.findMany({ where: { orderRecordId: order.id } });
  let refundedMinor = 0;
  for (const refundLine of refund.lines) {
    const line = lines.find((l) => l.shopifyLineItemId === refundLine.shopifyLineItemId);
    if (!line) continue;
    const refundedQuantity = Math.min(line.quantity, line.refundedQuantity + refundLine.quantity);
    line.refundedQuantity = refundedQuantity;
    await tx.orderLine.update({ where: { id: line.id }, data: { refundedQuantity } });
    refundedMinor += refundLine.subtotalMinor;
    if (!order.earningRecordedAt) continue;
    const target = remainingLinePoints(line.earnedPoints, line.quantity, refundedQuantity);
    const r = await reduceToTarget(tx, context, order, { lineItemId: line.shopifyLineItemId, earnKey: `earn:line:${line.shopifyLineItemId}` }, target, `refund:${refund.refundId}`, 'refunded', now);
    total.voided += r.voided;
    total.clawedBack += r.clawedBack;
  }
  // The visit bonus goes only when nothing of the visit is left.
  if (order.earningRecordedAt && lines.length > 0 && lines.every((line) => line.isGiftCard || line.refundedQuantity >= line.quantity)) {
    const r = await reduceToTarget(tx, context, order, { lineItemId: null, earnKey: `earn:visit:${order.shopifyOrderId}` }, 0, `refund:${refund.refundId}`, 'refunded', now);
    total.voided += r.voided;
    total.clawedBack += r.clawedBack;
  }
  if (order.memberId && order.earningRecordedAt) await decreaseLifetimeSpend(tx, order.memberId, refundedMinor);
  applied.push(refund.refundId);
  order.refundIds = JSON.stringify(applied);
  await tx.orderRecord.update({ where: { id: order.id }, data: { refundIds: order.refundIds, refundedMinor: refundedEligibleMinor(lines) } });
  return total;
}
