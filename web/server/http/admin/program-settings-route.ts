import { Router } from 'express';
import type { Db } from '../../../core/db-client';
import { getProgramSettings, programSettingsPatchSchema, updateProgramSettings } from '../../../core/programme/program-settings-store';
import { recordStaffAction } from '../../../core/staff/record-staff-action';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

export function createProgramSettingsRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/settings/program', async (_req, res) => {
    res.json(await getProgramSettings(deps.db.prisma, adminAuthOf(res.locals).shopId));
  });
  router.patch('/settings/program', async (req, res) => {
    const patch = programSettingsPatchSchema.parse(req.body);
    const { shopId } = adminAuthOf(res.locals);
    const updated = await updateProgramSettings(deps.db.prisma, shopId, patch);
    await recordStaffAction(deps.db.prisma, { shopId, userId: staffOf(res.locals).userId, action: 'settings.program', details: { changed: patch } });
    res.json(updated);
  });
  return router;
}
