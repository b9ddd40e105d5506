// What an order's lines are and what they earn, computed in memory from the shop's earning context:
// shared by the one-order path (applyOrderSnapshot) and the set-based one (applyOrderBatch), so both
// read appointments, apply multipliers and spend tiers, and key their ledger entries identically.
import { calculateOrderPoints, creditAvailableAt, readAppointmentTime, type BookingPropertyConfig } from '../earning';
import { bestSpendTierTable, type MemberEarningBenefit } from '../groups/member-earning-benefits';
import type { NewLedgerEntry } from '../ledger/ledger-types';
import { loyaltyKey, type EarningContext } from './load-earning-context';
import type { OrderLineSnapshot, OrderSnapshot } from './order-snapshot';
import { remainingLinePoints } from './reverse-order-points';

/** An order line as stored (the columns earning needs). */
export interface StoredOrderLine {
  shopifyLineItemId: string;
  productId: string | null;
  variantId: string | null;
  title: string;
  quantity: number;
  refundedQuantity: number;
  eligibleMinor: number;
  isGiftCard: boolean;
  isService: boolean;
  appointmentStart: Date | null;
  appointmentEnd: Date | null;
  /** booked | no_show | cancelled | completed; absent = booked */
  bookingStatus?: string;
}

export interface NewOrderLine extends StoredOrderLine {
  appointmentStatus: string;
  appointmentIssue: string | null;
  rawProperties: string;
}

function loyaltyOf(context: EarningContext, productId: string | null, variantId: string | null) {
  if (!productId) return undefined;
  return context.loyaltyByKey.get(loyaltyKey(productId, variantId ?? '')) ?? context.loyaltyByKey.get(loyaltyKey(productId));
}

/** A line seen for the first time: its appointment read from the line item's properties. */
export function describeNewLine(context: EarningContext, line: OrderLineSnapshot): NewOrderLine {
  const reading = readAppointmentTime(line.properties, {
    timeZone: context.shop.ianaTimezone,
    locale: context.shop.primaryLocale,
    dateOrder: context.settings.dateOrder || undefined,
    config: context.settings.bookingPropertyConfig as BookingPropertyConfig,
  });
  return {
    shopifyLineItemId: line.shopifyLineItemId,
    productId: line.productId,
    variantId: line.variantId,
    title: line.title,
    quantity: line.quantity,
    refundedQuantity: 0,
    eligibleMinor: line.eligibleMinor,
    isGiftCard: line.isGiftCard,
    // A booking app's properties make a line a service even when the shop has not marked it.
    isService: !line.isGiftCard && (loyaltyOf(context, line.productId, line.variantId)?.isService === true || reading.status !== 'missing'),
    appointmentStart: reading.status === 'ok' ? reading.start : null,
    appointmentEnd: reading.status === 'ok' ? reading.end : null,
    appointmentStatus: reading.status,
    appointmentIssue: reading.status === 'unparseable' ? reading.reason : null,
    rawProperties: JSON.stringify(line.properties),
  };
}

export interface PlannedEntry {
  entry: NewLedgerEntry;
  /** null: not yet known (a product credited on fulfilment that has not shipped) */
  availableAt: Date | null;
}

export interface EarningPlan {
  lines: Array<{ shopifyLineItemId: string; earnedPoints: number; pointsBasis: string }>;
  /** pending entries, one per line that keeps points (idempotency key per line) and the visit bonus */
  entries: PlannedEntry[];
  eligibleMinor: number;
  visitAt: Date;
}

export interface EarningOrderState {
  shopId: string;
  memberId: string;
  paidAt: Date;
  fulfilledAt: Date | null;
  /** the member's lifetime spend before this order (spend tiers depend on it) */
  lifetimeSpendMinor: number;
  /** the member's group bonus (member-earning-benefits.ts); absent = none */
  benefit?: MemberEarningBenefit;
}

/** The shop's earning settings as they apply to this member: a group's spend-tier table replaces the shop's rule. */
function programFor(context: EarningContext, currency: string, state: EarningOrderState) {
  const table = state.benefit ? bestSpendTierTable(state.benefit.spendTierTables, state.lifetimeSpendMinor, currency) : null;
  return table ? { ...context.settings, currency, earningMode: 'spend_tiers' as const, spendTiers: table } : { ...context.settings, currency };
}

/** What the order earns when it is paid: per-line points, pending entries, the spend it adds. */
export function planOrderEarnings(context: EarningContext, snapshot: OrderSnapshot, lines: StoredOrderLine[], state: EarningOrderState): EarningPlan {
  const result = calculateOrderPoints({
    program: programFor(context, snapshot.currency, state),
    multipliers: context.multipliers,
    memberMultiplierPercent: state.benefit?.multiplierPercent ?? 100,
    lifetimeSpendMinor: state.lifetimeSpendMinor,
    orderProcessedAt: snapshot.processedAt,
    lines: lines.map((line) => ({
      lineItemId: line.shopifyLineItemId,
      productId: line.productId,
      variantId: line.variantId,
      quantity: line.quantity,
      eligibleMinor: line.eligibleMinor,
      isGiftCard: line.isGiftCard,
      appointmentStart: line.appointmentStart,
      loyalty: loyaltyOf(context, line.productId, line.variantId) ?? null,
    })),
  });
  const plan: EarningPlan = { lines: [], entries: [], eligibleMinor: 0, visitAt: snapshot.processedAt };
  const common = { shopId: state.shopId, memberId: state.memberId, type: 'earn' as const, orderId: snapshot.shopifyOrderId, locationId: snapshot.locationId };
  const suffix = snapshot.name ? ` (${snapshot.name})` : '';
  let recorded = 0;
  let latestAvailable: Date | null = null;
  for (const line of lines) {
    const computed = result.lines.find((l) => l.lineItemId === line.shopifyLineItemId);
    const earned = computed?.points ?? 0;
    plan.lines.push({ shopifyLineItemId: line.shopifyLineItemId, earnedPoints: earned, pointsBasis: computed?.basis ?? '' });
    // A refund that arrived before the payment already reduced what this line may earn.
    // A booking marked no-show or cancelled before the payment earns nothing (web/core/bookings).
    const withdrawn = line.bookingStatus === 'no_show' || line.bookingStatus === 'cancelled';
    const points = withdrawn ? 0 : remainingLinePoints(earned, line.quantity, line.refundedQuantity);
    if (points <= 0) continue;
    const availableAt = creditAvailableAt({
      isService: line.isService,
      appointmentStart: line.appointmentStart,
      appointmentEnd: line.appointmentEnd,
      orderProcessedAt: snapshot.processedAt,
      paidAt: state.paidAt,
      fulfilledAt: state.fulfilledAt,
      creditDelayMinutes: context.settings.creditDelayMinutes,
      productCreditDelayMinutes: context.settings.productCreditDelayMinutes,
      productCreditTrigger: context.settings.productCreditTrigger,
    });
    if (availableAt && (!latestAvailable || availableAt > latestAvailable)) latestAvailable = availableAt;
    plan.entries.push({
      entry: {
        ...common, points, description: `${line.title}${suffix}`,
        sourceType: 'line_item', sourceId: line.shopifyLineItemId, idempotencyKey: `earn:line:${line.shopifyLineItemId}`, lineItemId: line.shopifyLineItemId,
      },
      availableAt,
    });
    recorded += points;
  }
  if (result.visitPoints > 0 && recorded > 0) {
    plan.entries.push({
      entry: {
        ...common, points: result.visitPoints, description: `Visit bonus${suffix}`,
        sourceType: 'order', sourceId: snapshot.shopifyOrderId, idempotencyKey: `earn:visit:${snapshot.shopifyOrderId}`,
      },
      availableAt: latestAvailable,
    });
  }
  plan.eligibleMinor = lines.reduce((sum, line) => sum + line.eligibleMinor, 0);
  plan.visitAt = lines.map((l) => l.appointmentStart).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? snapshot.processedAt;
  return plan;
}

/** When a product credited on fulfilment becomes available, once the order is fulfilled. */
export function fulfilmentAvailableAt(context: EarningContext, fulfilledAt: Date): Date {
  return new Date(fulfilledAt.getTime() + context.settings.productCreditDelayMinutes * 60_000);
}
