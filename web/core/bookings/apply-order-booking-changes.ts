// What an order delivery says about bookings the app already knows (called by applyOrderSnapshot for a
// fresh, not cancelled snapshot, before the order's earnings are recorded, so a payment in the same
// delivery earns from the changed lines):
// - new booking properties on a known line -> the booking is rescheduled;
// - an order edit that removed a service line (current_quantity 0) and added one -> the booking moved
//   to the new line: the old line's pending points are voided and pending again on the new line, at its time;
// - the shop's no-show tag on the order -> every open booking of the order is a no-show.
import { randomUUID } from 'node:crypto';
import type { DbKind, Tx } from '../db-client';
import { recordPendingEarn } from '../ledger/record-pending-earn';
import { withdrawCredit } from '../ledger/withdraw-credit';
import type { EarningContext } from '../orders/load-earning-context';
import type { OrderSnapshot } from '../orders/order-snapshot';
import { describeNewLine } from '../orders/plan-order-earnings';
import { recordBookingEvent } from './booking-history';
import { changeBookingInTransaction, OPEN_STATUS } from './change-booking';

type StoredLine = Awaited<ReturnType<Tx['orderLine']['findMany']>>[number];
type OrderRef = { id: string; shopId: string; shopifyOrderId: string; memberId: string | null; earningRecordedAt: Date | null };

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** True when the order carries the shop's no-show tag (compared without case or surrounding spaces). */
export function hasNoShowTag(context: EarningContext, snapshot: OrderSnapshot): boolean {
  const tag = context.settings.noShowOrderTag.trim().toLowerCase();
  return tag !== '' && (snapshot.tags ?? []).some((t) => t.trim().toLowerCase() === tag);
}

/** Whether a delivery may change known bookings (the set-based path leaves such deliveries to applyOrderSnapshot). */
export function mayChangeBookings(context: EarningContext, snapshot: OrderSnapshot, storedProperties: Map<string, string>): boolean {
  if (hasNoShowTag(context, snapshot)) return true;
  if (snapshot.lines.some((line) => line.currentQuantity === 0)) return true;
  return snapshot.lines.some((line) => {
    const stored = storedProperties.get(line.shopifyLineItemId);
    return stored !== undefined && stored !== JSON.stringify(line.properties);
  });
}

export async function applyOrderBookingChanges(tx: Tx, kind: DbKind, context: EarningContext, order: OrderRef, snapshot: OrderSnapshot, storedLines: StoredLine[], now: Date): Promise<void> {
  const snapshotLines = new Map(snapshot.lines.map((line) => [line.shopifyLineItemId, line]));
  const storedIds = new Set(storedLines.map((line) => line.shopifyLineItemId));
  const origin = { source: 'webhook' as const, now };

  for (const stored of storedLines) {
    const line = snapshotLines.get(stored.shopifyLineItemId);
    const properties = line ? JSON.stringify(line.properties) : stored.rawProperties;
    if (!line || properties === stored.rawProperties) continue;
    await tx.orderLine.update({ where: { id: stored.id }, data: { rawProperties: properties } });
    const reading = describeNewLine(context, line);
    if (reading.appointmentStatus !== 'ok' || stored.bookingStatus !== OPEN_STATUS) continue;
    if (sameTime(reading.appointmentStart, stored.appointmentStart) && sameTime(reading.appointmentEnd, stored.appointmentEnd)) continue;
    await changeBookingInTransaction(tx, kind, order.shopId, { lineItemId: stored.shopifyLineItemId },
      { kind: 'rescheduled', start: reading.appointmentStart!, end: reading.appointmentEnd }, { ...origin, reason: 'New booking properties on the order (orders/updated).' });
  }

  const removed = storedLines.filter((stored) => stored.isService && stored.bookingStatus === OPEN_STATUS && snapshotLines.get(stored.shopifyLineItemId)?.currentQuantity === 0);
  const added = snapshot.lines.filter((line) => !storedIds.has(line.shopifyLineItemId) && (line.currentQuantity ?? line.quantity) > 0)
    .map((line) => ({ line, described: describeNewLine(context, line) }))
    .filter(({ described }) => described.appointmentStatus === 'ok');
  for (const old of removed) {
    const index = Math.max(0, added.findIndex(({ line }) => line.productId !== null && line.productId === old.productId));
    const replacement = added.splice(index, 1)[0];
    if (!replacement) break;
    await moveToReplacementLine(tx, kind, context, order, old, replacement.line.shopifyLineItemId, replacement.described, now);
  }

  if (hasNoShowTag(context, snapshot)) {
    const open = await tx.orderLine.findMany({ where: { orderRecordId: order.id, isService: true, bookingStatus: OPEN_STATUS }, select: { shopifyLineItemId: true } });
    for (const line of open) {
      await changeBookingInTransaction(tx, kind, order.shopId, { lineItemId: line.shopifyLineItemId }, { kind: 'no_show' },
        { source: 'tag', now, reason: `The order was tagged "${context.settings.noShowOrderTag.trim()}".` });
    }
  }
}

/** An order edit replaced a booked service: its pending points follow the new line and its time. */
async function moveToReplacementLine(
  tx: Tx, kind: DbKind, context: EarningContext, order: OrderRef, old: StoredLine, newLineItemId: string,
  described: ReturnType<typeof describeNewLine>, now: Date,
): Promise<void> {
  await tx.orderLine.update({ where: { id: old.id }, data: { bookingStatus: 'cancelled' } });
  const eventId = randomUUID();
  // Posted points stay: the visit they paid for is not undone by an edit.
  const { voided } = await withdrawCredit(tx, kind, { kind: 'line', shopId: order.shopId, lineItemId: old.shopifyLineItemId },
    { now, changeKey: eventId, reason: 'replaced by an order edit', clawbackPolicy: 'keep', allowNegativeBalance: context.settings.allowNegativeBalance });
  const availableAt = new Date((described.appointmentEnd ?? described.appointmentStart!).getTime() + context.settings.creditDelayMinutes * 60_000);
  if (voided > 0 && order.memberId && order.earningRecordedAt) {
    await recordPendingEarn(tx, {
      shopId: order.shopId, memberId: order.memberId, type: 'earn', points: voided, description: `${described.title} (${old.title} moved by an order edit)`,
      sourceType: 'line_item', sourceId: newLineItemId, idempotencyKey: `earn:line:${newLineItemId}`, orderId: order.shopifyOrderId, lineItemId: newLineItemId,
    }, availableAt, now);
    await tx.orderLine.update({ where: { shopId_shopifyLineItemId: { shopId: order.shopId, shopifyLineItemId: newLineItemId } }, data: { earnedPoints: old.earnedPoints, pointsBasis: old.pointsBasis } });
  }
  await recordBookingEvent(tx, {
    id: eventId, shopId: order.shopId, memberId: order.memberId, orderId: order.shopifyOrderId, lineItemId: newLineItemId, title: described.title, kind: 'rescheduled',
    oldStart: old.appointmentStart, oldEnd: old.appointmentEnd, newStart: described.appointmentStart, newEnd: described.appointmentEnd,
    newAvailableAt: order.earningRecordedAt ? availableAt : null, reason: `An order edit replaced "${old.title}" with "${described.title}".`, source: 'webhook', at: now,
  });
}
