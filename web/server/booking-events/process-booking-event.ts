// The process-booking-event task: one stored booking event -> the domain (applyBookingEvent). Acuity
// notifications first read the appointment from Acuity's API; a failure there throws, and the task
// queue retries with backoff. An unknown customer is an outcome (needs_review), not an error.
import { applyBookingEvent, type BookingEventOutcome } from '../../core/bookings/apply-booking-event';
import { bookingEventSchema, type BookingEventInput } from '../../core/bookings/booking-event-input';
import { ensureBookingIntegration, type BookingIntegrationBoxes } from '../../core/bookings/booking-integration-store';
import { markInboundBookingEvent, readInboundBookingEvent } from '../../core/bookings/inbound-booking-events';
import type { Db } from '../../core/db-client';
import { fetchAcuityAppointment } from './acuity-client';
import { acuityBookingEvent, parseAcuityNotification } from './acuity-notification';

export interface BookingEventDeps {
  db: Db;
  boxes: BookingIntegrationBoxes;
  acuityApiUrl: string;
  fetch?: typeof fetch;
}

async function eventOf(deps: BookingEventDeps, row: { shopId: string; provider: string; eventId: string; payload: string }): Promise<BookingEventInput | BookingEventOutcome> {
  if (row.provider !== 'acuity') return bookingEventSchema.parse(JSON.parse(row.payload));
  const integration = await ensureBookingIntegration(deps.db.prisma, row.shopId, deps.boxes);
  if (!integration.acuityApiKey) return { status: 'ignored', note: 'Acuity Scheduling is not connected.', memberId: null };
  const notification = parseAcuityNotification(row.payload);
  const appointment = await fetchAcuityAppointment({ baseUrl: deps.acuityApiUrl, userId: integration.acuityUserId, apiKey: integration.acuityApiKey, fetch: deps.fetch }, notification.id);
  return acuityBookingEvent(row.eventId, notification, appointment);
}

export async function processBookingEvent(deps: BookingEventDeps, inboundEventId: string, now: Date): Promise<BookingEventOutcome | null> {
  const row = await readInboundBookingEvent(deps.db.prisma, inboundEventId);
  if (!row || row.status !== 'queued') return null;
  const event = await eventOf(deps, row);
  if ('status' in event) {
    await markInboundBookingEvent(deps.db.prisma, row.id, event, now);
    return event;
  }
  if (row.assignedMemberId) {
    // Staff matched the customer to this member (review queue): the event is theirs.
    const member = await deps.db.prisma.member.findFirst({ where: { id: row.assignedMemberId, shopId: row.shopId }, select: { shopifyCustomerId: true } });
    if (member) event.booking.customer = { ...event.booking.customer, shopifyCustomerId: member.shopifyCustomerId };
  }
  const outcome = await applyBookingEvent(deps.db, row.shopId, row.provider, event, now);
  const customer = event.booking.customer;
  const who = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
  const note = outcome.status === 'needs_review' && who ? `${outcome.note} Customer: ${who}.` : outcome.note;
  await markInboundBookingEvent(deps.db.prisma, row.id, { status: outcome.status, note }, now);
  return { ...outcome, note };
}
