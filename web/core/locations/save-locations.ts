// Keeps the local copy of the shop's locations, so the admin shows "Amsterdam Centrum" instead of a
// location id. A full sync stores every location Shopify lists and marks the ones it no longer lists as
// deleted (kept: old orders, entries and staff limits still name them). Webhook deliveries carry one
// location each and arrive in any order: an older version never overwrites a newer one.
import { writeTransaction, type Prisma, type Tx } from '../db-client';

export interface LocationItem {
  /** Shopify GID, gid://shopify/Location/<n> */
  id: string;
  name: string;
  city: string;
  active: boolean;
  /** Shopify's updatedAt, when known */
  updatedAt?: Date | null;
}

async function upsertLocation(tx: Tx, shopId: string, item: LocationItem, now: Date): Promise<'saved' | 'stale'> {
  const where = { shopId_shopifyId: { shopId, shopifyId: item.id } };
  const existing = await tx.location.findUnique({ where, select: { shopifyUpdatedAt: true } });
  if (existing?.shopifyUpdatedAt && item.updatedAt && item.updatedAt < existing.shopifyUpdatedAt) return 'stale';
  const data = { name: item.name, city: item.city, active: item.active, deletedAt: null, shopifyUpdatedAt: item.updatedAt ?? existing?.shopifyUpdatedAt ?? now };
  await tx.location.upsert({ where, create: { shopId, shopifyId: item.id, ...data }, update: data });
  return 'saved';
}

/** The whole list from the Admin API: upserts each, marks the missing ones deleted. */
export async function saveLocations(prisma: Prisma, shopId: string, items: LocationItem[], now = new Date()): Promise<{ locations: number; removed: number }> {
  return writeTransaction({ prisma }, async (tx) => {
    for (const item of items) await upsertLocation(tx, shopId, item, now);
    const removed = await tx.location.updateMany({
      where: { shopId, deletedAt: null, shopifyId: { notIn: items.map((item) => item.id) } },
      data: { deletedAt: now, active: false },
    });
    return { locations: items.length, removed: removed.count };
  });
}

/** locations/create and locations/update. */
export async function saveLocation(prisma: Prisma, shopId: string, item: LocationItem, now = new Date()): Promise<'saved' | 'stale'> {
  return writeTransaction({ prisma }, (tx) => upsertLocation(tx, shopId, item, now));
}

/** locations/delete: kept for history, shown as deleted. */
export async function markLocationDeleted(prisma: Prisma, shopId: string, shopifyId: string, now = new Date()): Promise<void> {
  await prisma.location.updateMany({ where: { shopId, shopifyId, deletedAt: null }, data: { deletedAt: now, active: false } });
}
