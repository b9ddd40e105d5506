import type { Prisma } from '../db-client';

export interface DashboardSummary {
  shop: { name: string; domain: string; currency: string };
  counts: { members: number; products: number; services: number; orders: number; pendingPoints: number; postedPoints: number };
}

export async function dashboardSummary(prisma: Prisma, shopId: string): Promise<DashboardSummary> {
  const [shop, members, products, services, orders, points] = await Promise.all([
    prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { name: true, domain: true, currency: true } }),
    prisma.member.count({ where: { shopId } }),
    prisma.product.count({ where: { shopId } }),
    prisma.productLoyalty.count({ where: { shopId, isService: true, variantId: '' } }),
    prisma.orderRecord.count({ where: { shopId } }),
    prisma.member.aggregate({ where: { shopId }, _sum: { balance: true, pendingPoints: true } }),
  ]);
  return {
    shop,
    counts: { members, products, services, orders, pendingPoints: points._sum.pendingPoints ?? 0, postedPoints: points._sum.balance ?? 0 },
  };
}
