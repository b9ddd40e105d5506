// Applies one order webhook to the ledger, exactly once whatever the order and number of deliveries:
// the order row is locked for the transaction, every ledger effect has its own idempotency key, and
// stale snapshots (an older orders/updated arriving late) never move the order's state backwards.
import { applyOrderBookingChanges } from '../bookings/apply-order-booking-changes';
import { writeTransaction, type Db, type Tx } from '../db-client';
import { recordPendingEarn } from '../ledger/record-pending-earn';
import { minorUnitsFromColumn } from '../money';
import { enqueueMemberGroupRefresh } from '../groups/enqueue-member-group-refresh';
import { upsertMember } from '../members/upsert-member';
import { prismaSqlExecutor } from '../sql/sql-client';
import { loadMemberEarningBenefits } from '../groups/member-earning-benefits';
import { insertAndLockOrders, orderKey } from './order-rows';
import { applyRefundInTransaction, cancelOrderInTransaction } from './reverse-order-points';
import { loadEarningContext, type EarningContext } from './load-earning-context';
import { describeNewLine, fulfilmentAvailableAt, planOrderEarnings } from './plan-order-earnings';
import { isPaid, type OrderSnapshot, type OrderTrigger } from './order-snapshot';

export interface ApplyOrderResult {
  stale: boolean;
  pendingPointsRecorded: number;
  pointsVoided: number;
  pointsClawedBack: number;
}

type LockedOrder = NonNullable<Awaited<ReturnType<Tx['orderRecord']['findUnique']>>>;

async function lockOrder(tx: Tx, kind: Db['kind'], shopId: string, snapshot: OrderSnapshot, now: Date): Promise<{ order: LockedOrder; created: boolean }> {
  // Serialises concurrent deliveries for the same order (orders/paid and orders/updated together).
  const key = orderKey(shopId, snapshot.shopifyOrderId);
  const { created } = await insertAndLockOrders(prismaSqlExecutor(tx), kind, [{ key, shopId, snapshot }], now);
  const order = await tx.orderRecord.findUniqueOrThrow({ where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: snapshot.shopifyOrderId } } });
  return { order, created: created.has(key) };
}

type StoredLine = Awaited<ReturnType<Tx['orderLine']['findMany']>>[number];

async function saveNewLines(tx: Tx, context: EarningContext, order: LockedOrder, snapshot: OrderSnapshot, stored: StoredLine[]): Promise<void> {
  const known = new Set(stored.map((l) => l.shopifyLineItemId));
  const fresh = snapshot.lines.filter((line) => !known.has(line.shopifyLineItemId));
  if (fresh.length === 0) return;
  await tx.orderLine.createMany({
    data: fresh.map((line) => {
      const { refundedQuantity: _none, ...described } = describeNewLine(context, line);
      return { shopId: order.shopId, orderRecordId: order.id, ...described };
    }),
  });
}

async function recordEarnings(tx: Tx, context: EarningContext, order: LockedOrder, memberId: string, snapshot: OrderSnapshot, now: Date): Promise<number> {
  // Only one transaction may record the order's earnings.
  const claimed = await tx.orderRecord.updateMany({ where: { id: order.id, earningRecordedAt: null }, data: { earningRecordedAt: now } });
  if (claimed.count === 0) return 0;
  const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { lifetimeSpendMinor: true, lastVisitAt: true } });
  const lines = (await tx.orderLine.findMany({ where: { orderRecordId: order.id }, orderBy: { createdAt: 'asc' } }))
    .map((line) => ({ ...line, eligibleMinor: minorUnitsFromColumn(line.eligibleMinor) }));
  const benefit = (await loadMemberEarningBenefits(prismaSqlExecutor(tx), [memberId])).get(memberId);
  const plan = planOrderEarnings(context, snapshot, lines, {
    shopId: order.shopId, memberId, paidAt: order.paidAt ?? now, fulfilledAt: order.fulfilledAt, lifetimeSpendMinor: minorUnitsFromColumn(member.lifetimeSpendMinor), benefit,
  });
  const lineIds = new Map(lines.map((line) => [line.shopifyLineItemId, line.id]));
  for (const line of plan.lines) {
    await tx.orderLine.update({ where: { id: lineIds.get(line.shopifyLineItemId)! }, data: { earnedPoints: line.earnedPoints, pointsBasis: line.pointsBasis } });
  }
  let recorded = 0;
  for (const { entry, availableAt } of plan.entries) {
    await recordPendingEarn(tx, entry, availableAt, now);
    recorded += entry.points;
  }
  await tx.member.update({
    where: { id: memberId },
    data: {
      lifetimeSpendMinor: { increment: plan.eligibleMinor },
      ...(!member.lastVisitAt || plan.visitAt > member.lastVisitAt ? { lastVisitAt: plan.visitAt } : {}),
    },
  });
  await tx.orderRecord.update({ where: { id: order.id }, data: { eligibleMinor: plan.eligibleMinor } });
  return recorded;
}

/** Products credited on fulfilment wait (availableAt unset) until the order is fulfilled. */
async function releaseFulfilmentCredits(tx: Tx, context: EarningContext, order: LockedOrder, fulfilledAt: Date): Promise<void> {
  await tx.ledgerEntry.updateMany({
    where: { shopId: order.shopId, orderId: order.shopifyOrderId, status: 'pending', availableAt: null },
    data: { availableAt: fulfilmentAvailableAt(context, fulfilledAt) },
  });
}

export async function applyOrderSnapshot(db: Db, shopId: string, snapshot: OrderSnapshot, trigger: OrderTrigger, now: Date): Promise<ApplyOrderResult> {
  return writeTransaction(db, async (tx) => {
    const { result, memberId } = await applyInTransaction(tx, db.kind, shopId, snapshot, trigger, now);
    // The member's groups and tier follow the order (paid, cancelled or refunded) by a task queued with it.
    if (memberId) await enqueueMemberGroupRefresh(tx, shopId, [memberId], snapshot.refunds.length > 0 || snapshot.cancelledAt ? 'refund' : 'order', now);
    return result;
  });
}

async function applyInTransaction(tx: Tx, kind: Db['kind'], shopId: string, snapshot: OrderSnapshot, trigger: OrderTrigger, now: Date): Promise<{ result: ApplyOrderResult; memberId: string | null }> {
  const productIds = [...new Set(snapshot.lines.map((line) => line.productId).filter((id): id is string => id !== null))];
  const context = await loadEarningContext(tx, shopId, productIds);
  const { order: locked, created } = await lockOrder(tx, kind, shopId, snapshot, now);
  const stale = !created && snapshot.updatedAt < locked.shopifyUpdatedAt;
  const member = snapshot.customer ? await upsertMember(tx, shopId, snapshot.customer, now) : null;
  const paid = isPaid(snapshot, trigger);
  const fulfilled = trigger === 'fulfilled' || snapshot.fulfillmentStatus === 'fulfilled';
  let order = await tx.orderRecord.update({
    where: { id: locked.id },
    data: {
      memberId: locked.memberId ?? member?.id ?? null,
      ...(stale ? {} : {
        name: snapshot.name, financialStatus: snapshot.financialStatus, fulfillmentStatus: snapshot.fulfillmentStatus,
        locationId: snapshot.locationId, shopifyUpdatedAt: snapshot.updatedAt,
      }),
      // Payment and fulfilment are one-way facts: even a stale snapshot may carry them first.
      ...(paid && !locked.paidAt ? { paidAt: now } : {}),
      ...(fulfilled && !locked.fulfilledAt ? { fulfilledAt: now } : {}),
    },
  });
  const storedLines = await tx.orderLine.findMany({ where: { orderRecordId: order.id } });
  await saveNewLines(tx, context, order, snapshot, storedLines);
  // Rescheduled, replaced or no-show bookings; an older snapshot must not move a booking back.
  if (!stale && !snapshot.cancelledAt && !order.cancelledAt) {
    await applyOrderBookingChanges(tx, kind, context, order, snapshot, storedLines, now);
  }
  const result: ApplyOrderResult = { stale, pendingPointsRecorded: 0, pointsVoided: 0, pointsClawedBack: 0 };
  if (snapshot.cancelledAt || order.cancelledAt) {
    if (!order.cancelledAt) {
      const reversed = await cancelOrderInTransaction(tx, context, order, snapshot.cancelledAt!, now);
      result.pointsVoided += reversed.voided;
      result.pointsClawedBack += reversed.clawedBack;
    }
    return { result, memberId: order.memberId };
  }
  if (paid && order.memberId && !order.earningRecordedAt) {
    result.pendingPointsRecorded = await recordEarnings(tx, context, order, order.memberId, snapshot, now);
    order = await tx.orderRecord.findUniqueOrThrow({ where: { id: order.id } });
  }
  if (fulfilled && order.fulfilledAt) await releaseFulfilmentCredits(tx, context, order, order.fulfilledAt);
  for (const refund of snapshot.refunds) {
    const reversed = await applyRefundInTransaction(tx, context, order, refund, now);
    result.pointsVoided += reversed.voided;
    result.pointsClawedBack += reversed.clawedBack;
  }
  return { result, memberId: order.memberId };
}
