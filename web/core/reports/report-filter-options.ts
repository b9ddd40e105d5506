// What the report's staff and location filters offer, so nobody types a raw user or location id:
// every staff member the app has seen in this shop, and the shop's locations by name (web/core/locations;
// a location seen on orders but not synced yet is shown by its number). A location-limited user is
// offered their own locations only.
import type { Prisma } from '../db-client';
import { listLocations, locationNumber } from '../locations/list-locations';
import { EVERY_MEMBER, type MemberScope } from '../members/visible-members';

export interface ReportFilterOptions {
  staff: Array<{ userId: string; name: string }>;
  /** `label`: the location's name, or "#<number>" while it has none */
  locations: Array<{ id: string; label: string; named: boolean }>;
}

export async function reportFilterOptions(prisma: Prisma, shopId: string, scope: MemberScope = EVERY_MEMBER): Promise<ReportFilterOptions> {
  const [staff, locations] = await Promise.all([
    prisma.staffMember.findMany({ where: { shopId }, select: { userId: true, name: true }, orderBy: [{ name: 'asc' }, { userId: 'asc' }] }),
    listLocations(prisma, shopId, { only: scope.locationIds }),
  ]);
  return {
    staff: staff.map((row) => ({ userId: row.userId, name: row.name || `User ${row.userId}` })),
    locations: locations.map((location) => ({ id: location.id, label: location.name ?? `#${locationNumber(location.id)}`, named: location.name !== null })),
  };
}
