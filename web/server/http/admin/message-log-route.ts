import { Router } from 'express';
import type { Db } from '../../../core/db-client';
import { listMessageLog, messageLogQuerySchema } from '../../../core/messaging/list-message-log';
import { adminAuthOf } from '../session-token-auth';

export function createMessageLogRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/messages', async (req, res) => {
    res.json(await listMessageLog(deps.db.prisma, adminAuthOf(res.locals).shopId, messageLogQuerySchema.parse(req.query)));
  });
  return router;
}
