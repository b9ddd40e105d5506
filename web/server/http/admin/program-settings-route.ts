import { Router } from 'express';
import type { Db } from '../../../core/db-client';
import { getProgramSettings, programSettingsPatchSchema, updateProgramSettings } from '../../../core/programme/program-settings-store';
import { handle } from '../async-handler';
import { adminAuthOf } from '../session-token-auth';

export function createProgramSettingsRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/settings/program', handle(async (_req, res) => {
    res.json(await getProgramSettings(deps.db.prisma, adminAuthOf(res.locals).shopId));
  }));
  router.patch('/settings/program', handle(async (req, res) => {
    const patch = programSettingsPatchSchema.parse(req.body);
    res.json(await updateProgramSettings(deps.db.prisma, adminAuthOf(res.locals).shopId, patch));
  }));
  return router;
}
