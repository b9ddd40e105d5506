// What the report's staff and location filters offer, so nobody types a raw user or location id:
// every staff member the app has seen in this shop, and every location the shop's orders came from.
// Shopify location names are not stored, so a location is shown by its number.
import type { Prisma } from '../db-client';

export interface ReportFilterOptions {
  staff: Array<{ userId: string; name: string }>;
  locations: Array<{ id: string; label: string }>;
}

export async function reportFilterOptions(prisma: Prisma, shopId: string): Promise<ReportFilterOptions> {
  const [staff, locations] = await Promise.all([
    prisma.staffMember.findMany({ where: { shopId }, select: { userId: true, name: true }, orderBy: [{ name: 'asc' }, { userId: 'asc' }] }),
    prisma.orderRecord.findMany({ where: { shopId, locationId: { not: null } }, distinct: ['locationId'], select: { locationId: true }, take: 200 }),
  ]);
  return {
    staff: staff.map((row) => ({ userId: row.userId, name: row.name || `User ${row.userId}` })),
    locations: locations
      .map((row) => row.locationId!)
      .sort()
      .map((id) => ({ id, label: `#${id.replace(/^gid:\/\/shopify\/Location\//, '')}` })),
  };
}
