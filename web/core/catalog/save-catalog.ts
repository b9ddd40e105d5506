// Keeps the local copy of the shop's catalogue. A product the shop marks as a service (product type
// "Service" or a "service"/"booking" tag, as booking apps set them) gets a loyalty tab marked service the
// first time it is seen; staff edits are never overwritten by a later sync.
import { writeTransaction, type Prisma } from '../db-client';
import { parseMoneyToMinor } from '../money';

export interface CatalogItem {
  id: string;
  title: string;
  productType: string;
  vendor: string;
  status: string;
  isGiftCard: boolean;
  tags: string[];
  /** sku: booking systems may name a service by it (web/core/bookings/resolve-booked-service.ts) */
  variants: Array<{ id: string; title: string; price: string; sku?: string | null }>;
}

const SERVICE_WORDS = ['service', 'services', 'booking', 'appointment', 'class', 'rental'];

export function looksLikeService(item: Pick<CatalogItem, 'productType' | 'tags' | 'isGiftCard'>): boolean {
  if (item.isGiftCard) return false;
  const words = [item.productType, ...item.tags].map((word) => word.trim().toLowerCase());
  return words.some((word) => SERVICE_WORDS.includes(word));
}

export async function saveCatalog(prisma: Prisma, shopId: string, currency: string, items: CatalogItem[]): Promise<{ products: number; newServices: number }> {
  let newServices = 0;
  await writeTransaction({ prisma }, async (tx) => {
    for (const item of items) {
      const variants = JSON.stringify(item.variants.map((v) => ({ id: v.id, title: v.title, priceMinor: parseMoneyToMinor(v.price, currency), ...(v.sku ? { sku: v.sku } : {}) })));
      const data = { title: item.title, productType: item.productType, vendor: item.vendor, status: item.status, isGiftCard: item.isGiftCard, variants };
      await tx.product.upsert({ where: { shopId_shopifyId: { shopId, shopifyId: item.id } }, create: { shopId, shopifyId: item.id, ...data }, update: data });
      if (looksLikeService(item)) {
        const existing = await tx.productLoyalty.findUnique({ where: { shopId_productId_variantId: { shopId, productId: item.id, variantId: '' } }, select: { id: true } });
        if (!existing) {
          await tx.productLoyalty.create({ data: { shopId, productId: item.id, variantId: '', isService: true } });
          newServices += 1;
        }
      }
    }
  }, { timeout: 60_000 });
  return { products: items.length, newServices };
}
