// The programme's rules as a customer may see them ("how to earn"): the earn rate, points per visit,
// services that earn a fixed number of points, and how long after an appointment points arrive.
// Nothing about other customers, thresholds for staff, or settings that are not earning rules.
import type { PublicProgram } from '../../contracts/storefront-api';
import type { Prisma } from '../db-client';
import { getProgramSettings } from './program-settings-store';

const MAX_SERVICES = 20;

export async function readPublicProgram(prisma: Prisma, shopId: string, currency: string): Promise<PublicProgram> {
  const settings = await getProgramSettings(prisma, shopId);
  const fixed = await prisma.productLoyalty.findMany({
    where: { shopId, variantId: '', enabled: true, isService: true, pointsMode: 'fixed', fixedPoints: { gt: 0 } },
    orderBy: [{ fixedPoints: 'desc' }],
    take: MAX_SERVICES,
    select: { productId: true, fixedPoints: true },
  });
  const products = await prisma.product.findMany({
    where: { shopId, shopifyId: { in: fixed.map((row) => row.productId) }, status: 'ACTIVE' },
    select: { shopifyId: true, title: true },
  });
  const titles = new Map(products.map((product) => [product.shopifyId, product.title]));
  return {
    currency,
    earningMode: settings.earningMode,
    pointsPerCurrencyUnit: settings.pointsPerCurrencyUnit,
    pointsPerVisit: settings.pointsPerVisit,
    creditDelayMinutes: settings.creditDelayMinutes,
    services: fixed.flatMap((row) => {
      const title = titles.get(row.productId);
      return title ? [{ title, points: row.fixedPoints }] : [];
    }),
  };
}
