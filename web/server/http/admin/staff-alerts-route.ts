// Alerts the app raised for staff (e.g. a redemption the sweeper settled): list them, acknowledge one
// (who may: admin-route-policies.ts).
import { Router } from 'express';
import { z } from 'zod';
import { acknowledgeStaffAlert, listStaffAlerts } from '../../../core/alerts/staff-alert-store';
import type { Db } from '../../../core/db-client';
import { adminAuthOf } from '../session-token-auth';

const listQuery = z.object({
  /** `all` includes acknowledged alerts */
  status: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function createStaffAlertsRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/alerts', async (req, res) => {
    const query = listQuery.parse(req.query);
    res.json({ items: await listStaffAlerts(deps.db, adminAuthOf(res.locals).shopId, { open: query.status === 'open', limit: query.limit }) });
  });
  router.post('/alerts/:id/acknowledge', async (req, res) => {
    const { shopId, userId } = adminAuthOf(res.locals);
    await acknowledgeStaffAlert(deps.db, shopId, String(req.params.id), userId);
    res.status(204).end();
  });
  return router;
}
