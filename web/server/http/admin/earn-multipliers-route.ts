import { Router } from 'express';
import type { Db } from '../../../core/db-client';
import { createEarnMultiplier, deleteEarnMultiplier, earnMultiplierInputSchema, listEarnMultipliers } from '../../../core/programme/earn-multipliers';
import { adminAuthOf } from '../session-token-auth';

export function createEarnMultipliersRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/multipliers', async (_req, res) => {
    res.json({ items: await listEarnMultipliers(deps.db.prisma, adminAuthOf(res.locals).shopId) });
  });
  router.post('/multipliers', async (req, res) => {
    const input = earnMultiplierInputSchema.parse(req.body);
    res.status(201).json(await createEarnMultiplier(deps.db.prisma, adminAuthOf(res.locals).shopId, input));
  });
  router.delete('/multipliers/:id', async (req, res) => {
    await deleteEarnMultiplier(deps.db.prisma, adminAuthOf(res.locals).shopId, String(req.params.id));
    res.status(204).end();
  });
  return router;
}
