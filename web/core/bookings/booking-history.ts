// The append-only history of bookings' lives (BookingEvent): this module writes and reads the table.
import type { BookingEventView } from '../../contracts/bookings-api';
import type { Prisma, Tx } from '../db-client';

export type BookingEventKind = 'booked' | 'rescheduled' | 'time_set' | 'no_show' | 'cancelled' | 'checked_in' | 'completed';
export type BookingChangeSource = 'staff' | 'tag' | 'webhook' | 'booking_system';

export interface NewBookingEvent {
  id: string;
  shopId: string;
  memberId: string | null;
  orderId?: string | null;
  lineItemId?: string | null;
  bookingId?: string | null;
  title: string;
  kind: BookingEventKind;
  oldStart?: Date | null;
  oldEnd?: Date | null;
  newStart?: Date | null;
  newEnd?: Date | null;
  oldAvailableAt?: Date | null;
  newAvailableAt?: Date | null;
  pointsVoided?: number;
  pointsClawedBack?: number;
  reason: string;
  source: BookingChangeSource;
  staffUserId?: string | null;
  at: Date;
}

export async function recordBookingEvent(tx: Tx, event: NewBookingEvent): Promise<void> {
  await tx.bookingEvent.create({ data: event });
}


const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A member's booking history, newest first. */
export async function listMemberBookingEvents(prisma: Prisma, shopId: string, memberId: string, limit = 100): Promise<BookingEventView[]> {
  const rows = await prisma.bookingEvent.findMany({ where: { shopId, memberId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: limit });
  return rows.map((row) => ({
    id: row.id, kind: row.kind, title: row.title, orderId: row.orderId, lineItemId: row.lineItemId, bookingId: row.bookingId,
    oldStart: iso(row.oldStart), oldEnd: iso(row.oldEnd), newStart: iso(row.newStart), newEnd: iso(row.newEnd),
    oldAvailableAt: iso(row.oldAvailableAt), newAvailableAt: iso(row.newAvailableAt),
    pointsVoided: row.pointsVoided, pointsClawedBack: row.pointsClawedBack, reason: row.reason, source: row.source, staffUserId: row.staffUserId, at: row.at.toISOString(),
  }));
}
