// Points expiry: the shop's rule, and staff reversing one expiry of a member.
import { Router } from 'express';
import type { Db } from '../../../core/db-client';
import { getPointsExpirySettings, savePointsExpirySettings } from '../../../core/expiry/points-expiry-settings';
import { reverseExpiry } from '../../../core/expiry/reverse-expiry';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

export function createPointsExpiryRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/settings/expiry', async (_req, res) => {
    res.json(await getPointsExpirySettings(deps.db.prisma, adminAuthOf(res.locals).shopId));
  });
  router.put('/settings/expiry', async (req, res) => {
    res.json(await savePointsExpirySettings(deps.db.prisma, adminAuthOf(res.locals).shopId, req.body));
  });
  router.post('/members/:id/entries/:entryId/reverse-expiry', async (req, res) => {
    const shopId = adminAuthOf(res.locals).shopId;
    res.status(201).json(await reverseExpiry(deps.db, { shopId, memberId: String(req.params.id), entryId: String(req.params.entryId), staffUserId: staffOf(res.locals).userId, now: new Date() }));
  });
  return router;
}
