// The "failed deliveries" list: webhook work that ran out of attempts or could never be processed.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../core/db-client';
import { listFailedDeliveries } from '../../../core/webhooks/list-failed-deliveries';
import { retryFailedTasks } from '../../../core/tasks/task-queue';
import { adminAuthOf } from '../session-token-auth';

const retrySchema = z.object({ ids: z.array(z.string().min(1)).min(1).max(500) }).strict();

export function createFailedDeliveriesRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/webhooks/failed', async (_req, res) => {
    res.json({ items: await listFailedDeliveries(deps.db.prisma, adminAuthOf(res.locals).shopDomain) });
  });
  router.post('/webhooks/failed/retry', async (req, res) => {
    const { ids } = retrySchema.parse(req.body);
    res.json({ requeued: await retryFailedTasks(deps.db, adminAuthOf(res.locals).shopDomain, ids) });
  });
  return router;
}
