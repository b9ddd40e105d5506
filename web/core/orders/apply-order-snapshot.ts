// Applies one order webhook to the ledger, exactly once whatever the order and number of deliveries:
// the order row is locked for the transaction, every ledger effect has its own idempotency key, and
// stale snapshots (an older orders/updated arriving late) never move the order's state backwards.
import { randomUUID } from 'node:crypto';
import { writeTransaction, type Db, type Tx } from '../db-client';
import { calculateOrderPoints, creditAvailableAt, readAppointmentTime, type BookingPropertyConfig } from '../earning';
import { recordPendingEarn } from '../ledger/record-pending-earn';
import { minorUnitsFromColumn } from '../money';
import { upsertMember } from '../members/upsert-member';
import { applyRefundInTransaction, cancelOrderInTransaction, remainingLinePoints } from './reverse-order-points';
import { loadEarningContext, loyaltyKey, type EarningContext } from './load-earning-context';
import { isPaid, type OrderSnapshot, type OrderTrigger } from './order-snapshot';

export interface ApplyOrderResult {
  stale: boolean;
  pendingPointsRecorded: number;
  pointsVoided: number;
  pointsClawedBack: number;
}

type LockedOrder = NonNullable<Awaited<ReturnType<Tx['orderRecord']['findUnique']>>>;

async function lockOrder(tx: Tx, kind: Db['kind'], shopId: string, snapshot: OrderSnapshot, now: Date): Promise<{ order: LockedOrder; created: boolean }> {
  const inserted = await tx.$executeRaw`
    INSERT INTO "OrderRecord" ("id", "shopId", "shopifyOrderId", "name", "currency", "eligibleMinor", "financialStatus", "fulfillmentStatus",
      "locationId", "processedAt", "shopifyUpdatedAt", "refundIds", "createdAt")
    VALUES (${randomUUID()}, ${shopId}, ${snapshot.shopifyOrderId}, ${snapshot.name}, ${snapshot.currency}, 0, ${snapshot.financialStatus},
      ${snapshot.fulfillmentStatus}, ${snapshot.locationId}, ${snapshot.processedAt}, ${snapshot.updatedAt}, '[]', ${now})
    ON CONFLICT ("shopId", "shopifyOrderId") DO NOTHING`;
  if (kind === 'postgresql') {
    // Serialises concurrent deliveries for the same order (orders/paid and orders/updated together).
    await tx.$queryRaw`SELECT "id" FROM "OrderRecord" WHERE "shopId" = ${shopId} AND "shopifyOrderId" = ${snapshot.shopifyOrderId} FOR UPDATE`;
  }
  const order = await tx.orderRecord.findUniqueOrThrow({ where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: snapshot.shopifyOrderId } } });
  return { order, created: inserted > 0 };
}

async function saveNewLines(tx: Tx, context: EarningContext, order: LockedOrder, snapshot: OrderSnapshot): Promise<void> {
  const known = new Set((await tx.orderLine.findMany({ where: { orderRecordId: order.id }, select: { shopifyLineItemId: true } })).map((l) => l.shopifyLineItemId));
  const fresh = snapshot.lines.filter((line) => !known.has(line.shopifyLineItemId));
  if (fresh.length === 0) return;
  await tx.orderLine.createMany({
    data: fresh.map((line) => {
      const loyalty = line.productId ? context.loyaltyByKey.get(loyaltyKey(line.productId, line.variantId ?? '')) ?? context.loyaltyByKey.get(loyaltyKey(line.productId)) : undefined;
      const reading = readAppointmentTime(line.properties, {
        timeZone: context.shop.ianaTimezone,
        locale: context.shop.primaryLocale,
        dateOrder: context.settings.dateOrder || undefined,
        config: context.settings.bookingPropertyConfig as BookingPropertyConfig,
      });
      return {
        shopId: order.shopId,
        orderRecordId: order.id,
        shopifyLineItemId: line.shopifyLineItemId,
        productId: line.productId,
        variantId: line.variantId,
        title: line.title,
        quantity: line.quantity,
        eligibleMinor: line.eligibleMinor,
        isGiftCard: line.isGiftCard,
        // A booking app's properties make a line a service even when the shop has not marked it.
        isService: !line.isGiftCard && (loyalty?.isService === true || reading.status !== 'missing'),
        appointmentStart: reading.status === 'ok' ? reading.start : null,
        appointmentEnd: reading.status === 'ok' ? reading.end : null,
        appointmentStatus: reading.status,
        appointmentIssue: reading.status === 'unparseable' ? reading.reason : null,
        rawProperties: JSON.stringify(line.properties),
      };
    }),
  });
}

async function recordEarnings(tx: Tx, context: EarningContext, order: LockedOrder, memberId: string, snapshot: OrderSnapshot, now: Date): Promise<number> {
  // Only one transaction may record the order's earnings.
  const claimed = await tx.orderRecord.updateMany({ where: { id: order.id, earningRecordedAt: null }, data: { earningRecordedAt: now } });
  if (claimed.count === 0) return 0;
  const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { lifetimeSpendMinor: true, lastVisitAt: true } });
  const lines = await tx.orderLine.findMany({ where: { orderRecordId: order.id }, orderBy: { createdAt: 'asc' } });
  const paidAt = order.paidAt ?? now;
  const result = calculateOrderPoints({
    program: { ...context.settings, currency: snapshot.currency },
    multipliers: context.multipliers,
    lifetimeSpendMinor: minorUnitsFromColumn(member.lifetimeSpendMinor),
    orderProcessedAt: snapshot.processedAt,
    lines: lines.map((line) => ({
      lineItemId: line.shopifyLineItemId,
      productId: line.productId,
      variantId: line.variantId,
      quantity: line.quantity,
      eligibleMinor: minorUnitsFromColumn(line.eligibleMinor),
      isGiftCard: line.isGiftCard,
      appointmentStart: line.appointmentStart,
      loyalty: line.productId ? context.loyaltyByKey.get(loyaltyKey(line.productId, line.variantId ?? '')) ?? context.loyaltyByKey.get(loyaltyKey(line.productId)) ?? null : null,
    })),
  });
  let recorded = 0;
  let latestAvailable: Date | null = null;
  for (const line of lines) {
    const computed = result.lines.find((l: { lineItemId: string }) => l.lineItemId === line.shopifyLineItemId);
    const earned = computed?.points ?? 0;
    await tx.orderLine.update({ where: { id: line.id }, data: { earnedPoints: earned, pointsBasis: computed?.basis ?? '' } });
    // A refund that arrived before the payment already reduced what this line may earn.
    const points = remainingLinePoints(earned, line.quantity, line.refundedQuantity);
    if (points <= 0) continue;
    const availableAt = creditAvailableAt({
      isService: line.isService,
      appointmentStart: line.appointmentStart,
      appointmentEnd: line.appointmentEnd,
      orderProcessedAt: snapshot.processedAt,
      paidAt,
      fulfilledAt: order.fulfilledAt,
      creditDelayMinutes: context.settings.creditDelayMinutes,
      productCreditDelayMinutes: context.settings.productCreditDelayMinutes,
      productCreditTrigger: context.settings.productCreditTrigger,
    });
    if (availableAt && (!latestAvailable || availableAt > latestAvailable)) latestAvailable = availableAt;
    await recordPendingEarn(
      tx,
      {
        shopId: order.shopId, memberId, type: 'earn', points,
        description: `${line.title}${snapshot.name ? ` (${snapshot.name})` : ''}`,
        sourceType: 'line_item', sourceId: line.shopifyLineItemId, idempotencyKey: `earn:line:${line.shopifyLineItemId}`,
        orderId: snapshot.shopifyOrderId, lineItemId: line.shopifyLineItemId, locationId: snapshot.locationId,
      },
      availableAt,
      now,
    );
    recorded += points;
  }
  if (result.visitPoints > 0 && recorded > 0) {
    await recordPendingEarn(
      tx,
      {
        shopId: order.shopId, memberId, type: 'earn', points: result.visitPoints,
        description: `Visit bonus${snapshot.name ? ` (${snapshot.name})` : ''}`,
        sourceType: 'order', sourceId: snapshot.shopifyOrderId, idempotencyKey: `earn:visit:${snapshot.shopifyOrderId}`,
        orderId: snapshot.shopifyOrderId, locationId: snapshot.locationId,
      },
      latestAvailable,
      now,
    );
    recorded += result.visitPoints;
  }
  const eligibleMinor = lines.reduce((sum, line) => sum + minorUnitsFromColumn(line.eligibleMinor), 0);
  const visitAt = lines.map((l) => l.appointmentStart).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? snapshot.processedAt;
  await tx.member.update({
    where: { id: memberId },
    data: {
      lifetimeSpendMinor: { increment: eligibleMinor },
      ...(!member.lastVisitAt || visitAt > member.lastVisitAt ? { lastVisitAt: visitAt } : {}),
    },
  });
  await tx.orderRecord.update({ where: { id: order.id }, data: { eligibleMinor } });
  return recorded;
}

/** Products credited on fulfilment wait (availableAt unset) until the order is fulfilled. */
async function releaseFulfilmentCredits(tx: Tx, context: EarningContext, order: LockedOrder, fulfilledAt: Date): Promise<void> {
  const availableAt = new Date(fulfilledAt.getTime() + context.settings.productCreditDelayMinutes * 60_000);
  await tx.ledgerEntry.updateMany({
    where: { shopId: order.shopId, orderId: order.shopifyOrderId, status: 'pending', availableAt: null },
    data: { availableAt },
  });
}

export async function applyOrderSnapshot(db: Db, shopId: string, snapshot: OrderSnapshot, trigger: OrderTrigger, now: Date): Promise<ApplyOrderResult> {
  return writeTransaction(
    db,
    async (tx) => {
      const productIds = [...new Set(snapshot.lines.map((line) => line.productId).filter((id): id is string => id !== null))];
      const context = await loadEarningContext(tx, shopId, productIds);
      const { order: locked, created } = await lockOrder(tx, db.kind, shopId, snapshot, now);
      const stale = !created && snapshot.updatedAt < locked.shopifyUpdatedAt;
      const member = snapshot.customer ? await upsertMember(tx, shopId, snapshot.customer) : null;
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
      await saveNewLines(tx, context, order, snapshot);
      const result: ApplyOrderResult = { stale, pendingPointsRecorded: 0, pointsVoided: 0, pointsClawedBack: 0 };
      if (snapshot.cancelledAt || order.cancelledAt) {
        if (!order.cancelledAt) {
          const reversed = await cancelOrderInTransaction(tx, context, order, snapshot.cancelledAt!, now);
          result.pointsVoided += reversed.voided;
          result.pointsClawedBack += reversed.clawedBack;
        }
        return result;
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
      return result;
    },
  );
}
