// Points one order brought a member, for the order-status page: the sum of the order's entries that
// still count (voided pending entries do not), whether they are pending or posted, and when.
import type { OrderPointsView } from '../../contracts/storefront-api';
import type { Prisma } from '../db-client';

export async function readOrderPoints(prisma: Prisma, shopId: string, memberId: string, orderGid: string): Promise<OrderPointsView> {
  const entries = await prisma.ledgerEntry.findMany({
    where: { shopId, memberId, orderId: orderGid, status: { not: 'voided' } },
    select: { points: true, status: true, availableAt: true, postedAt: true },
  });
  if (entries.length === 0) return { orderId: orderGid, points: 0, status: 'none', availableAt: null, postedAt: null };
  const pending = entries.filter((entry) => entry.status === 'pending');
  const posted = entries.filter((entry) => entry.status === 'posted');
  const latest = (dates: Array<Date | null>) => {
    const times = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
    return times.length ? new Date(Math.max(...times)).toISOString() : null;
  };
  return {
    orderId: orderGid,
    points: entries.reduce((sum, entry) => sum + entry.points, 0),
    status: pending.length === 0 ? 'posted' : posted.length === 0 ? 'pending' : 'mixed',
    // An undated pending entry (waiting for fulfilment) makes the whole order undated.
    availableAt: pending.some((entry) => entry.availableAt === null) ? null : latest(pending.map((entry) => entry.availableAt)),
    postedAt: latest(posted.map((entry) => entry.postedAt)),
  };
}
