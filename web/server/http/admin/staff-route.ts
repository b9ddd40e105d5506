// The owner's staff page: roles and adjustment limits.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../core/db-client';
import { listStaff, staffChangeSchema, updateStaffMember } from '../../../core/staff/manage-staff';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

const userIdSchema = z.string().trim().min(1).max(100);

export function createStaffRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/staff', async (_req, res) => {
    res.json({ items: await listStaff(deps.db.prisma, adminAuthOf(res.locals).shopId) });
  });
  router.put('/staff/:userId', async (req, res) => {
    const userId = userIdSchema.parse(req.params.userId);
    const change = staffChangeSchema.parse(req.body);
    res.json(await updateStaffMember(deps.db.prisma, adminAuthOf(res.locals).shopId, staffOf(res.locals).userId, userId, change));
  });
  return router;
}
