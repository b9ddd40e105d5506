import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../core/db-client';
import { dashboardStats } from '../../../core/reports/dashboard-stats';
import { dashboardSummary } from '../../../core/reports/dashboard-summary';
import { adminAuthOf } from '../session-token-auth';

const statsSchema = z.object({
  from: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(40).optional()),
  to: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(40).optional()),
});

export function createDashboardRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/dashboard', async (_req, res) => {
    const { shopId } = adminAuthOf(res.locals);
    res.json(await dashboardSummary(deps.db.prisma, shopId));
  });
  router.get('/dashboard/stats', async (req, res) => {
    res.json(await dashboardStats(deps.db, adminAuthOf(res.locals).shopId, statsSchema.parse(req.query)));
  });
  return router;
}
