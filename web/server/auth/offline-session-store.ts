// Offline access tokens per shop, in the Session table (same shape as Shopify's Prisma session storage).
import type { Prisma } from '../db/create-database';

export interface OfflineSession {
  shop: string;
  accessToken: string;
  scope: string | null;
}

export const offlineSessionId = (shop: string) => `offline_${shop}`;

export async function saveOfflineSession(prisma: Prisma, session: OfflineSession): Promise<void> {
  const id = offlineSessionId(session.shop);
  const data = { shop: session.shop, state: '', isOnline: false, scope: session.scope, accessToken: session.accessToken };
  await prisma.session.upsert({ where: { id }, create: { id, ...data }, update: data });
}

export async function loadOfflineSession(prisma: Prisma, shop: string): Promise<OfflineSession | null> {
  const row = await prisma.session.findUnique({ where: { id: offlineSessionId(shop) } });
  return row ? { shop: row.shop, accessToken: row.accessToken, scope: row.scope } : null;
}

export async function deleteSessionsOfShop(prisma: Prisma, shop: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { shop } });
  return count;
}
