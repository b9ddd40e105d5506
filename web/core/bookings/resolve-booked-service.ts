// Which of the shop's services a booking system's booking is, and what it earns without an order:
// the service's loyalty tab in "fixed points" mode gives its fixed points, plus the shop's points per
// visit. Without a price there is nothing to apply a rate to, so a service in "rate" mode earns the
// visit points only. Matched by variant id, product id, variant SKU, then product title (Acuity sends
// the appointment type's name); no match earns the visit points.
import type { Tx } from '../db-client';
import type { BookingEventInput } from './booking-event-input';

export interface BookedService {
  productId: string | null;
  variantId: string | null;
  title: string;
  points: number;
}

type ProductRow = { shopifyId: string; title: string; variants: string };

function findProduct(products: ProductRow[], service: BookingEventInput['booking']['service']): { product: ProductRow; variantId: string | null } | null {
  const variantsOf = (p: ProductRow) => JSON.parse(p.variants) as Array<{ id: string; sku?: string }>;
  if (service.variantId) {
    const product = products.find((p) => variantsOf(p).some((v) => v.id === service.variantId));
    if (product) return { product, variantId: service.variantId };
  }
  if (service.productId) {
    const product = products.find((p) => p.shopifyId === service.productId);
    if (product) return { product, variantId: null };
  }
  if (service.sku) {
    for (const product of products) {
      const variant = variantsOf(product).find((v) => v.sku === service.sku);
      if (variant) return { product, variantId: variant.id };
    }
  }
  if (service.title) {
    const title = service.title.toLowerCase();
    const product = products.find((p) => p.title.toLowerCase() === title);
    if (product) return { product, variantId: null };
  }
  return null;
}

export async function resolveBookedService(tx: Tx, shopId: string, service: BookingEventInput['booking']['service']): Promise<BookedService> {
  const settings = await tx.programSettings.findUnique({ where: { shopId }, select: { pointsPerVisit: true } });
  const visitPoints = settings?.pointsPerVisit ?? 0;
  const byId = service.productId ? { shopifyId: service.productId } : null;
  const products = await tx.product.findMany({ where: byId && !service.variantId && !service.sku ? { shopId, ...byId } : { shopId }, select: { shopifyId: true, title: true, variants: true } });
  const found = findProduct(products, service);
  if (!found) return { productId: service.productId ?? null, variantId: service.variantId ?? null, title: service.title ?? '', points: visitPoints };
  const loyalty = await tx.productLoyalty.findMany({ where: { shopId, productId: found.product.shopifyId, variantId: { in: ['', ...(found.variantId ? [found.variantId] : [])] } } });
  const tab = loyalty.find((row) => row.variantId === found.variantId) ?? loyalty.find((row) => row.variantId === '');
  if (tab && !tab.enabled) return { productId: found.product.shopifyId, variantId: found.variantId, title: found.product.title, points: 0 };
  const fixed = tab?.pointsMode === 'fixed' ? tab.fixedPoints : 0;
  return { productId: found.product.shopifyId, variantId: found.variantId, title: service.title || found.product.title, points: fixed + visitPoints };
}
