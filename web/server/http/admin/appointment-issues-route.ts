// Lines whose appointment time could not be read: they earned from the order time instead.
import { Router } from 'express';
import type { Db } from '../../../core/db-client';
import { listAppointmentIssues } from '../../../core/orders/list-appointment-issues';
import { adminAuthOf } from '../session-token-auth';

export function createAppointmentIssuesRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/orders/appointment-issues', async (_req, res) => {
    res.json({ items: await listAppointmentIssues(deps.db.prisma, adminAuthOf(res.locals).shopId) });
  });
  return router;
}
