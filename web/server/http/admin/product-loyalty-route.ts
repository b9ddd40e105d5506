import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../core/db-client';
import { changeProductLoyalty, getProductLoyalty, productLoyaltyChangeSchema } from '../../../core/catalog/product-loyalty-store';
import { productLoyaltySchema } from '../../../core/earning/product-loyalty-schema';
import { recordStaffAction } from '../../../core/staff/record-staff-action';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

const singleChangeSchema = productLoyaltySchema.partial().extend({ variantId: z.string().optional() }).strict();
const bulkChangeSchema = z.object({ items: z.array(productLoyaltyChangeSchema).min(1).max(500, 'At most 500 changes at once.') }).strict();

export function createProductLoyaltyRouter(deps: { db: Db }): Router {
  const router = Router();
  // Product ids may be GIDs (gid://shopify/Product/1, URL-encoded) or bare numbers.
  router.get('/products/:productId/loyalty', async (req, res) => {
    res.json(await getProductLoyalty(deps.db.prisma, adminAuthOf(res.locals).shopId, String(req.params.productId)));
  });
  router.put('/products/:productId/loyalty', async (req, res) => {
    const { shopId } = adminAuthOf(res.locals);
    const { variantId, ...settings } = singleChangeSchema.parse(req.body);
    await changeProductLoyalty(deps.db.prisma, shopId, [{ productId: String(req.params.productId), variantId: variantId ?? '', settings }]);
    await recordStaffAction(deps.db.prisma, {
      shopId, userId: staffOf(res.locals).userId, action: 'products.loyalty', target: String(req.params.productId), details: { variantId: variantId ?? '', settings },
    });
    res.json(await getProductLoyalty(deps.db.prisma, shopId, String(req.params.productId)));
  });
  router.put('/products-loyalty', async (req, res) => {
    const { items } = bulkChangeSchema.parse(req.body);
    const { shopId } = adminAuthOf(res.locals);
    const changed = await changeProductLoyalty(deps.db.prisma, shopId, items);
    await recordStaffAction(deps.db.prisma, { shopId, userId: staffOf(res.locals).userId, action: 'products.loyalty.bulk', details: { items } });
    res.json({ changed });
  });
  return router;
}
