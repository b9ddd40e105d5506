// The dashboard's setup guide (GET) and the owner ticking off a step the app cannot see (PUT).
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../core/db-client';
import { manualStepSchema, markSetupStep, readSetupGuide } from '../../../core/shops/setup-guide';
import { adminAuthOf } from '../session-token-auth';

const markSchema = z.strictObject({ done: z.boolean() });

export function createSetupGuideRouter(deps: { db: Db; appEmailServer: boolean }): Router {
  const router = Router();
  router.get('/setup', async (_req, res) => {
    res.json(await readSetupGuide(deps.db.prisma, adminAuthOf(res.locals).shopId, { appEmailServer: deps.appEmailServer }));
  });
  router.put('/setup/steps/:step', async (req, res) => {
    const step = manualStepSchema.parse(req.params.step);
    const { done } = markSchema.parse(req.body);
    const { shopId } = adminAuthOf(res.locals);
    await markSetupStep(deps.db.prisma, shopId, step, done);
    res.json(await readSetupGuide(deps.db.prisma, shopId, { appEmailServer: deps.appEmailServer }));
  });
  return router;
}
