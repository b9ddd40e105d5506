// One change in a booking's life, whoever reports it (staff, an order tag, an orders/updated webhook,
// a booking system): the booking's time or status changes, its credit moves or is withdrawn, and a
// BookingEvent records what changed, why and who said so — all in one transaction. A booking is an
// order line (a service bought in the shop) or a Booking row (made in a booking system, no order).
import { randomUUID } from 'node:crypto';
import { writeTransaction, type Db, type DbKind, type Tx } from '../db-client';
import { AppError } from '../errors/app-error';
import type { CreditSource } from '../ledger/lock-credit-entries';
import { moveCredit } from '../ledger/move-credit';
import { withdrawCredit } from '../ledger/withdraw-credit';
import { recordBookingEvent, type BookingChangeSource, type BookingEventKind } from './booking-history';

export type BookingRef = { lineItemId: string } | { bookingId: string };

export type BookingChange =
  | { kind: 'rescheduled' | 'time_set'; start: Date; end: Date | null }
  | { kind: 'no_show' | 'cancelled' }
  | { kind: 'checked_in' | 'completed'; at: Date };

export interface ChangeOrigin {
  source: BookingChangeSource;
  reason: string;
  staffUserId?: string | null;
  now: Date;
}

export interface BookingChangeResult {
  /** false: nothing changed (same time again, or the booking is no longer open); no history row */
  applied: boolean;
  note?: string;
  eventId?: string;
  memberId: string | null;
  availableAt: Date | null;
  pointsVoided: number;
  pointsClawedBack: number;
}

/** Booking statuses (OrderLine.bookingStatus, Booking.status). */
export const OPEN_STATUS = 'booked';
const WITHDRAWN = new Set(['no_show', 'cancelled']);

interface BookingState {
  shopId: string;
  /** false for an order line that is a product, not a service */
  isBooking: boolean;
  memberId: string | null;
  title: string;
  status: string;
  start: Date | null;
  end: Date | null;
  orderId: string | null;
  lineItemId: string | null;
  bookingId: string | null;
  orderCancelled: boolean;
  source: CreditSource;
  setTime(start: Date, end: Date | null): Promise<void>;
  setStatus(status: string): Promise<void>;
}

async function loadBooking(tx: Tx, shopId: string, ref: BookingRef): Promise<BookingState> {
  if ('lineItemId' in ref) {
    const line = await tx.orderLine.findUnique({ where: { shopId_shopifyLineItemId: { shopId, shopifyLineItemId: ref.lineItemId } }, include: { order: true } });
    if (!line) throw new AppError('NOT_FOUND', 'This booking was not found.');
    return {
      shopId, isBooking: line.isService, memberId: line.order.memberId, title: line.title, status: line.bookingStatus, start: line.appointmentStart, end: line.appointmentEnd,
      orderId: line.order.shopifyOrderId, lineItemId: line.shopifyLineItemId, bookingId: null, orderCancelled: line.order.cancelledAt !== null,
      source: { kind: 'line', shopId, lineItemId: line.shopifyLineItemId },
      setTime: async (start, end) => {
        await tx.orderLine.update({ where: { id: line.id }, data: { appointmentStart: start, appointmentEnd: end, appointmentStatus: 'ok', appointmentIssue: null, isService: true } });
      },
      setStatus: async (status) => {
        await tx.orderLine.update({ where: { id: line.id }, data: { bookingStatus: status } });
      },
    };
  }
  const booking = await tx.booking.findFirst({ where: { id: ref.bookingId, shopId } });
  if (!booking) throw new AppError('NOT_FOUND', 'This booking was not found.');
  return {
    shopId, isBooking: true, memberId: booking.memberId, title: booking.title, status: booking.status, start: booking.startsAt, end: booking.endsAt,
    orderId: null, lineItemId: null, bookingId: booking.id, orderCancelled: false, source: { kind: 'booking', shopId, bookingId: booking.id },
    setTime: async (start, end) => {
      await tx.booking.update({ where: { id: booking.id }, data: { startsAt: start, endsAt: end } });
    },
    setStatus: async (status) => {
      await tx.booking.update({ where: { id: booking.id }, data: { status } });
    },
  };
}

async function bookingSettings(tx: Tx, shopId: string) {
  const settings = await tx.programSettings.findUnique({ where: { shopId } });
  return {
    creditDelayMinutes: settings?.creditDelayMinutes ?? 180,
    clawbackPolicy: (settings?.clawbackPolicy ?? 'claw_back') as 'claw_back' | 'keep',
    allowNegativeBalance: settings?.allowNegativeBalance ?? false,
    creditOnCheckIn: settings?.creditOnCheckIn ?? false,
  };
}

const plusMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);
const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** The order's visit bonus is due with its latest line. */
async function followVisitBonus(tx: Tx, kind: DbKind, state: BookingState, now: Date, changeKey: string, allowNegativeBalance: boolean): Promise<void> {
  if (!state.orderId) return;
  const [latest] = await tx.ledgerEntry.findMany({
    where: { shopId: state.shopId, orderId: state.orderId, lineItemId: { not: null }, type: 'earn', status: 'pending', availableAt: { not: null } },
    orderBy: { availableAt: 'desc' }, take: 1, select: { availableAt: true },
  });
  if (!latest?.availableAt) return;
  await moveCredit(tx, kind, { kind: 'visit', shopId: state.shopId, orderId: state.orderId }, { availableAt: latest.availableAt, now, changeKey: `${changeKey}:visit`, movePosted: false, allowNegativeBalance });
}

/** The visit bonus goes when no line of the visit is left. */
async function withdrawVisitIfEmpty(tx: Tx, kind: DbKind, state: BookingState, options: Parameters<typeof withdrawCredit>[3]): Promise<{ voided: number; clawedBack: number }> {
  if (!state.orderId) return { voided: 0, clawedBack: 0 };
  const open = await tx.orderLine.count({ where: { shopId: state.shopId, order: { shopifyOrderId: state.orderId }, earnedPoints: { gt: 0 }, bookingStatus: { notIn: [...WITHDRAWN] } } });
  if (open > 0) return { voided: 0, clawedBack: 0 };
  return withdrawCredit(tx, kind, { kind: 'visit', shopId: state.shopId, orderId: state.orderId }, { ...options, changeKey: `${options.changeKey}:visit` });
}

export async function changeBookingInTransaction(tx: Tx, kind: DbKind, shopId: string, ref: BookingRef, change: BookingChange, origin: ChangeOrigin): Promise<BookingChangeResult> {
  const state = await loadBooking(tx, shopId, ref);
  const settings = await bookingSettings(tx, shopId);
  const unchanged = (note: string): BookingChangeResult => ({ applied: false, note, memberId: state.memberId, availableAt: null, pointsVoided: 0, pointsClawedBack: 0 });
  if (state.orderCancelled) return unchanged('The order was cancelled.');
  const eventId = randomUUID();
  const { now } = origin;
  const event = {
    id: eventId, shopId, memberId: state.memberId, orderId: state.orderId, lineItemId: state.lineItemId, bookingId: state.bookingId, title: state.title,
    kind: change.kind as BookingEventKind, oldStart: state.start, oldEnd: state.end, reason: origin.reason, source: origin.source, staffUserId: origin.staffUserId ?? null, at: now,
  };
  const result: BookingChangeResult = { applied: true, eventId, memberId: state.memberId, availableAt: null, pointsVoided: 0, pointsClawedBack: 0 };

  if (change.kind === 'rescheduled' || change.kind === 'time_set') {
    if (state.status !== OPEN_STATUS) return unchanged(`The booking is ${state.status.replace('_', '-')}.`);
    if (change.end && change.end < change.start) throw new AppError('VALIDATION', 'The appointment cannot end before it starts.');
    if (change.kind === 'rescheduled' && sameTime(state.start, change.start) && sameTime(state.end, change.end)) return unchanged('The booking already has this time.');
    // The same anchor as a new booking (credit-available-at.ts): the end, else the start, plus the delay.
    const availableAt = plusMinutes(change.end ?? change.start, settings.creditDelayMinutes);
    await state.setTime(change.start, change.end);
    const moved = await moveCredit(tx, kind, state.source, { availableAt, now, changeKey: eventId, movePosted: true, allowNegativeBalance: settings.allowNegativeBalance });
    await followVisitBonus(tx, kind, state, now, eventId, settings.allowNegativeBalance);
    result.availableAt = availableAt;
    await recordBookingEvent(tx, { ...event, newStart: change.start, newEnd: change.end, oldAvailableAt: moved.before, newAvailableAt: availableAt });
    return result;
  }

  // A time makes a line a booking (setTime marks it a service); nothing else applies to a product.
  if (!state.isBooking) throw new AppError('VALIDATION', 'This order line is not a booking.');

  if (change.kind === 'no_show' || change.kind === 'cancelled') {
    if (WITHDRAWN.has(state.status)) return unchanged(`The booking is already ${state.status.replace('_', '-')}.`);
    await state.setStatus(change.kind);
    const options = { now, changeKey: eventId, reason: change.kind === 'no_show' ? 'no-show' : 'booking cancelled', clawbackPolicy: settings.clawbackPolicy, allowNegativeBalance: settings.allowNegativeBalance };
    const line = await withdrawCredit(tx, kind, state.source, options);
    const visit = await withdrawVisitIfEmpty(tx, kind, state, options);
    result.pointsVoided = line.voided + visit.voided;
    result.pointsClawedBack = line.clawedBack + visit.clawedBack;
    await recordBookingEvent(tx, { ...event, pointsVoided: result.pointsVoided, pointsClawedBack: result.pointsClawedBack });
    return result;
  }

  const { at } = change as Extract<BookingChange, { at: Date }>;
  if (state.status !== OPEN_STATUS) return unchanged(`The booking is ${state.status.replace('_', '-')}.`);
  await state.setStatus('completed');
  let moved: Awaited<ReturnType<typeof moveCredit>> | null = null;
  if (settings.creditOnCheckIn) {
    result.availableAt = plusMinutes(at, settings.creditDelayMinutes);
    // Only pending points move: a check-in after the credit never takes points back.
    moved = await moveCredit(tx, kind, state.source, { availableAt: result.availableAt, now, changeKey: eventId, movePosted: false, allowNegativeBalance: settings.allowNegativeBalance });
    await followVisitBonus(tx, kind, state, now, eventId, settings.allowNegativeBalance);
  }
  await recordBookingEvent(tx, { ...event, newStart: at, oldAvailableAt: moved?.before ?? null, newAvailableAt: result.availableAt });
  return result;
}

export function changeBooking(db: Db, shopId: string, ref: BookingRef, change: BookingChange, origin: ChangeOrigin): Promise<BookingChangeResult> {
  return writeTransaction(db, (tx) => changeBookingInTransaction(tx, db.kind, shopId, ref, change, origin));
}
