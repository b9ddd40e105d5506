import type { Db } from '../../core/db-client';
import { saveLocations } from '../../core/locations/save-locations';
import type { AdminGraphqlClient } from '../../shopify-admin/admin-graphql-client';
import { fetchAllLocations } from '../../shopify-admin/locations';
import { loadOfflineSession } from '../auth/offline-session-store';

/** Pulls the shop's locations through the Admin API into the Location table. */
export async function syncShopLocations(db: Db, admin: AdminGraphqlClient, shopDomain: string, now = new Date()): Promise<{ locations: number; removed: number }> {
  const shop = await db.prisma.shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
  const session = await loadOfflineSession(db.prisma, shopDomain);
  if (!shop || !session) throw new Error(`shop ${shopDomain} is not installed`);
  const locations = await fetchAllLocations(admin, shopDomain, session.accessToken);
  return saveLocations(db.prisma, shop.id, locations, now);
}
