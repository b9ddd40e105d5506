// A member's bookings for the member page: the service lines of their orders and the bookings made
// in booking systems, newest appointment first, with the points still pending for each.
import type { MemberBooking, BookingStatus } from '../../contracts/bookings-api';
import type { Prisma } from '../db-client';
import { AppError } from '../errors/app-error';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export async function listMemberBookings(prisma: Prisma, shopId: string, memberId: string, limit = 50): Promise<MemberBooking[]> {
  const member = await prisma.member.findFirst({ where: { id: memberId, shopId }, select: { id: true } });
  if (!member) throw new AppError('NOT_FOUND', 'This member was not found.');
  const [lines, bookings, pending] = await Promise.all([
    prisma.orderLine.findMany({
      where: { shopId, isService: true, order: { memberId, cancelledAt: null } },
      include: { order: { select: { name: true, processedAt: true } } },
      orderBy: [{ appointmentStart: 'desc' }, { createdAt: 'desc' }], take: limit,
    }),
    prisma.booking.findMany({ where: { shopId, memberId }, orderBy: { startsAt: 'desc' }, take: limit }),
    prisma.ledgerEntry.findMany({ where: { shopId, memberId, status: 'pending', OR: [{ lineItemId: { not: null } }, { sourceType: 'booking' }] }, select: { lineItemId: true, sourceId: true, sourceType: true, points: true, availableAt: true } }),
  ]);
  const pendingOf = (match: (entry: (typeof pending)[number]) => boolean) => {
    const entries = pending.filter(match);
    const due = entries.map((e) => e.availableAt).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    return { pendingPoints: entries.reduce((sum, e) => sum + e.points, 0), availableAt: iso(due) };
  };
  const items: MemberBooking[] = [
    ...lines.map((line) => ({
      lineItemId: line.shopifyLineItemId, bookingId: null, orderName: line.order.name, title: line.title,
      start: iso(line.appointmentStart), end: iso(line.appointmentEnd), status: line.bookingStatus as BookingStatus,
      ...pendingOf((e) => e.lineItemId === line.shopifyLineItemId),
    })),
    ...bookings.map((booking) => ({
      lineItemId: null, bookingId: booking.id, orderName: null, title: booking.title, start: iso(booking.startsAt), end: iso(booking.endsAt),
      status: booking.status as BookingStatus, ...pendingOf((e) => e.sourceType === 'booking' && e.sourceId === booking.id),
    })),
  ];
  return items.sort((a, b) => (b.start ?? '').localeCompare(a.start ?? '')).slice(0, limit);
}
