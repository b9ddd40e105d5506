// The loyalty tab's product table (GET /api/products); single and bulk edits live in product-loyalty-route.
import { Router } from 'express';
import { z } from 'zod';
import { listProducts } from '../../../core/catalog/list-products';
import type { Db } from '../../../core/db-client';
import { adminAuthOf } from '../session-token-auth';

const listSchema = z.object({
  query: z.string().max(200).optional(),
  filter: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['all', 'enabled', 'disabled', 'service', 'product']).default('all')),
  cursor: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(100).optional()),
  limit: z.coerce.number().int().min(1).max(250).default(50),
});

export function createProductsRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/products', async (req, res) => {
    res.json(await listProducts(deps.db, adminAuthOf(res.locals).shopId, listSchema.parse(req.query)));
  });
  return router;
}
