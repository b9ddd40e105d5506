// The shop's locations for pickers and per-location figures: synced names first, then any location id
// seen on an order or entry that the sync has not named (yet), shown by its number.
import type { LocationView } from '../../contracts/admin-api';
import type { Prisma } from '../db-client';

export function locationNumber(shopifyId: string): string {
  return shopifyId.replace(/^gid:\/\/shopify\/Location\//, '');
}

export async function listLocations(prisma: Prisma, shopId: string, options: { only?: readonly string[] | null } = {}): Promise<LocationView[]> {
  const only = options.only ?? null;
  const [named, seen] = await Promise.all([
    prisma.location.findMany({ where: { shopId, ...(only ? { shopifyId: { in: [...only] } } : {}) }, orderBy: [{ name: 'asc' }, { shopifyId: 'asc' }] }),
    prisma.orderRecord.findMany({ where: { shopId, locationId: only ? { in: [...only] } : { not: null } }, distinct: ['locationId'], select: { locationId: true }, take: 200 }),
  ]);
  const views: LocationView[] = named.map((row) => ({ id: row.shopifyId, name: row.name, city: row.city, active: row.active, deleted: row.deletedAt !== null }));
  const known = new Set(views.map((view) => view.id));
  const unnamed = seen.map((row) => row.locationId!).filter((id) => !known.has(id)).sort();
  for (const id of unnamed) views.push({ id, name: null, city: '', active: true, deleted: false });
  return views;
}

/** Names by location id, for labelling figures and export rows. */
export async function locationNames(prisma: Prisma, shopId: string): Promise<Map<string, string>> {
  const rows = await prisma.location.findMany({ where: { shopId }, select: { shopifyId: true, name: true } });
  return new Map(rows.map((row) => [row.shopifyId, row.name]));
}
