// Applies one booking event from a booking system (already verified and stored, run from the task
// queue). A booking linked to a Shopify order line changes that line's booking. A booking without an
// order becomes a Booking row of its member whose points (resolve-booked-service.ts) are pending from
// the booking, due at its end (else start) + the credit delay like an order's, idempotent per booking
// (key earn:booking:<provider>:<booking id>); later events move or withdraw them. An event whose
// customer matches no member changes nothing and waits for staff review.
import { randomUUID } from 'node:crypto';
import { writeTransaction, type Db, type Tx } from '../db-client';
import { AppError } from '../errors/app-error';
import { recordPendingEarn } from '../ledger/record-pending-earn';
import type { BookingEventInput } from './booking-event-input';
import { recordBookingEvent } from './booking-history';
import { changeBookingInTransaction, type BookingChange, type BookingRef } from './change-booking';
import { resolveBookedService } from './resolve-booked-service';
import { resolveBookingCustomer } from './resolve-booking-customer';

export type BookingEventOutcome = { status: 'applied' | 'ignored' | 'needs_review'; note: string | null; memberId: string | null };

function changeOf(event: BookingEventInput, start: Date, end: Date | null, occurredAt: Date): BookingChange {
  switch (event.type) {
    case 'created':
    case 'rescheduled':
      return { kind: 'rescheduled', start, end };
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'no_show':
      return { kind: 'no_show' };
    case 'completed':
      return { kind: 'completed', at: occurredAt };
  }
}

async function applyToBooking(tx: Tx, db: Db, shopId: string, ref: BookingRef, change: BookingChange, provider: string, now: Date): Promise<BookingEventOutcome> {
  const result = await changeBookingInTransaction(tx, db.kind, shopId, ref, change, { source: 'booking_system', reason: `Booking event from ${provider}.`, now });
  return { status: result.applied ? 'applied' : 'ignored', note: result.note ?? null, memberId: result.memberId };
}

export async function applyBookingEvent(db: Db, shopId: string, provider: string, event: BookingEventInput, now: Date): Promise<BookingEventOutcome> {
  const start = new Date(event.booking.start);
  const end = event.booking.end ? new Date(event.booking.end) : null;
  const occurredAt = event.occurredAt ? new Date(event.occurredAt) : now;
  const change = changeOf(event, start, end, occurredAt);
  return writeTransaction<BookingEventOutcome>(db, async (tx) => {
    if (event.booking.lineItemId) {
      const line = await tx.orderLine.findUnique({ where: { shopId_shopifyLineItemId: { shopId, shopifyLineItemId: event.booking.lineItemId } }, select: { id: true } });
      if (line) return applyToBooking(tx, db, shopId, { lineItemId: event.booking.lineItemId }, change, provider, now);
    }
    const existing = await tx.booking.findUnique({ where: { shopId_provider_externalId: { shopId, provider, externalId: event.booking.id } } });
    if (existing) return applyToBooking(tx, db, shopId, { bookingId: existing.id }, change, provider, now);
    if (event.type === 'cancelled' || event.type === 'no_show') {
      return { status: 'ignored', note: 'The booking is not known; nothing to withdraw.', memberId: null };
    }
    const customer = await resolveBookingCustomer(tx, shopId, event.booking.customer);
    if (customer.memberId === null) return { status: 'needs_review', note: customer.note, memberId: null };
    const memberId = customer.memberId;
    const service = await resolveBookedService(tx, shopId, event.booking.service);
    const booking = await tx.booking.create({
      data: { shopId, provider, externalId: event.booking.id, memberId, productId: service.productId, variantId: service.variantId, title: service.title, startsAt: start, endsAt: end },
    });
    const settings = await tx.programSettings.findUnique({ where: { shopId }, select: { creditDelayMinutes: true } });
    const availableAt = new Date((end ?? start).getTime() + (settings?.creditDelayMinutes ?? 180) * 60_000);
    if (service.points > 0) {
      await recordPendingEarn(tx, {
        shopId, memberId, type: 'earn', points: service.points, description: service.title || 'Booking',
        sourceType: 'booking', sourceId: booking.id, idempotencyKey: `earn:booking:${provider}:${event.booking.id}`,
      }, availableAt, now);
    }
    await recordBookingEvent(tx, {
      id: randomUUID(), shopId, memberId, bookingId: booking.id, title: booking.title, kind: 'booked',
      newStart: start, newEnd: end, newAvailableAt: service.points > 0 ? availableAt : null, reason: `Booked in ${provider}.`, source: 'booking_system', at: now,
    });
    if (event.type === 'completed') return applyToBooking(tx, db, shopId, { bookingId: booking.id }, change, provider, now);
    return { status: 'applied', note: null, memberId };
  }).catch((error: unknown) => {
    // A line that is not a booking, an end before the start: retrying cannot help; the event says why.
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION')) return { status: 'ignored' as const, note: error.message, memberId: null };
    throw error;
  });
}
