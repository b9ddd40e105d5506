// The loyalty tab of products and variants: read one, change one, change many at once.
import { z } from 'zod';
import type { ProductLoyaltyView } from '../../contracts/admin-api';
import { writeTransaction, type Prisma } from '../db-client';
import { AppError } from '../errors/app-error';
import { productLoyaltySchema, type ProductLoyalty } from '../earning/product-loyalty-schema';

/** When a product has no row yet it earns at the programme's rate and is not a service. */
export const defaultProductLoyalty: ProductLoyalty = { enabled: true, isService: false, pointsMode: 'rate', fixedPoints: 0, multiplierPercent: 100 };

export const productLoyaltyChangeSchema = z
  .object({
    productId: z.string().min(1),
    variantId: z.string().default(''),
    settings: productLoyaltySchema.partial(),
  })
  .strict();
export type ProductLoyaltyChange = z.infer<typeof productLoyaltyChangeSchema>;

/** Accepts a Shopify GID or the bare numeric id used in admin URLs. */
export function productGid(id: string): string {
  return /^\d+$/.test(id) ? `gid://shopify/Product/${id}` : id;
}
export function variantGid(id: string): string {
  return id === '' || id.startsWith('gid://') ? id : /^\d+$/.test(id) ? `gid://shopify/ProductVariant/${id}` : id;
}

function pick(row: ProductLoyalty): ProductLoyalty {
  return { enabled: row.enabled, isService: row.isService, pointsMode: row.pointsMode, fixedPoints: row.fixedPoints, multiplierPercent: row.multiplierPercent };
}

export async function getProductLoyalty(prisma: Prisma, shopId: string, productId: string): Promise<ProductLoyaltyView> {
  const id = productGid(productId);
  const product = await prisma.product.findUnique({ where: { shopId_shopifyId: { shopId, shopifyId: id } } });
  if (!product) throw new AppError('NOT_FOUND', `Product ${productId} was not found in this shop.`);
  const rows = await prisma.productLoyalty.findMany({ where: { shopId, productId: id } });
  const productRow = rows.find((row) => row.variantId === '');
  const variants = JSON.parse(product.variants) as Array<{ id: string; title: string }>;
  return {
    productId: id,
    title: product.title,
    isGiftCard: product.isGiftCard,
    product: productRow ? pick(productRow as unknown as ProductLoyalty) : defaultProductLoyalty,
    variants: variants.map((variant) => {
      const row = rows.find((r) => r.variantId === variant.id);
      return { variantId: variant.id, title: variant.title, settings: row ? pick(row as unknown as ProductLoyalty) : null };
    }),
  };
}

/** All-or-nothing: every product must exist before anything is written. */
export async function changeProductLoyalty(prisma: Prisma, shopId: string, changes: ProductLoyaltyChange[]): Promise<number> {
  const normalized = changes.map((change) => ({ ...change, productId: productGid(change.productId), variantId: variantGid(change.variantId) }));
  const ids = [...new Set(normalized.map((change) => change.productId))];
  const products = await prisma.product.findMany({ where: { shopId, shopifyId: { in: ids } }, select: { shopifyId: true, variants: true, isGiftCard: true } });
  const known = new Map(products.map((p) => [p.shopifyId, p]));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new AppError('NOT_FOUND', `Unknown product${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`, { unknownProductIds: unknown });
  for (const change of normalized) {
    if (change.variantId === '') continue;
    const variants = JSON.parse(known.get(change.productId)!.variants) as Array<{ id: string }>;
    if (!variants.some((variant) => variant.id === change.variantId)) {
      throw new AppError('NOT_FOUND', `Variant ${change.variantId} does not belong to product ${change.productId}.`);
    }
  }
  await writeTransaction({ prisma }, async (tx) => {
    for (const change of normalized) {
      const where = { shopId_productId_variantId: { shopId, productId: change.productId, variantId: change.variantId } };
      await tx.productLoyalty.upsert({
        where,
        create: { shopId, productId: change.productId, variantId: change.variantId, ...defaultProductLoyalty, ...change.settings },
        update: change.settings,
      });
    }
  });
  return normalized.length;
}
