import { Router } from 'express';
import type { Db } from '../../../core/db-client';
import { dashboardSummary } from '../../../core/reports/dashboard-summary';
import { handle } from '../async-handler';
import { adminAuthOf } from '../session-token-auth';

export function createDashboardRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/dashboard', handle(async (_req, res) => {
    const { shopId } = adminAuthOf(res.locals);
    res.json(await dashboardSummary(deps.db.prisma, shopId));
  }));
  return router;
}
