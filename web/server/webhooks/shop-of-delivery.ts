import type { Db } from '../../core/db-client';

/** The installed shop a delivery belongs to; a delivery for an unknown shop is retried, then fails visibly. */
export async function shopIdOfDelivery(db: Db, shopDomain: string): Promise<string> {
  const shop = await db.prisma.shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
  if (!shop) throw new Error(`shop ${shopDomain} is not installed`);
  return shop.id;
}
