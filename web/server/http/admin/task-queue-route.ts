// The shop's own backlog for its staff: how many orders and other tasks wait, and for how long.
import { Router } from 'express';
import type { Db } from '../../../core/db-client';
import { readQueueDepth } from '../../../core/tasks/read-queue-depth';
import { adminAuthOf } from '../session-token-auth';

export function createTaskQueueRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/tasks/queue', async (_req, res) => {
    const shopDomain = adminAuthOf(res.locals).shopDomain;
    const kinds = (await readQueueDepth(deps.db, { shopDomain })).map(({ shopDomain: _shop, ...depth }) => depth);
    res.json({ kinds });
  });
  return router;
}
