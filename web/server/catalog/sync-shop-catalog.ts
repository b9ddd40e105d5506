import { saveCatalog } from '../../core/catalog/save-catalog';
import type { Db } from '../../core/db-client';
import type { AdminGraphqlClient } from '../../shopify-admin/admin-graphql-client';
import { fetchAllProducts } from '../../shopify-admin/products';
import { loadOfflineSession } from '../auth/offline-session-store';



/** Pulls the shop's products through the Admin API into the local catalogue. */
export async function syncShopCatalog(db: Db, admin: AdminGraphqlClient, shopDomain: string): Promise<{ products: number; newServices: number }> {
  const shop = await db.prisma.shop.findUnique({ where: { domain: shopDomain }, select: { id: true, currency: true } });
  const session = await loadOfflineSession(db.prisma, shopDomain);
  if (!shop || !session) throw new Error(`shop ${shopDomain} is not installed`);
  const products = await fetchAllProducts(admin, shopDomain, session.accessToken);
  return saveCatalog(db.prisma, shop.id, shop.currency, products);
}
