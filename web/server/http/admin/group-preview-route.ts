import { Router } from 'express';
import { z } from 'zod';
import type { GroupPreviewResponse } from '../../../contracts/group-preview-api';
import { GROUP_PREVIEW_SAMPLE_SIZE } from '../../../contracts/group-preview-api';
import type { Db } from '../../../core/db-client';
import { countMatchingMembers, sampleMatchingMembers } from '../../../core/groups/count-matching-members';
import { automaticGroupRulesSchema } from '../../../core/groups/group-rules';
import { adminAuthOf } from '../session-token-auth';

const previewSchema = z.strictObject({ rules: automaticGroupRulesSchema });

export function createGroupPreviewRouter(deps: { db: Db; now?: () => Date }): Router {
  const router = Router();
  router.post('/groups/preview', async (req, res) => {
    const { shopId } = adminAuthOf(res.locals);
    const { rules } = previewSchema.parse(req.body);
    const now = deps.now?.() ?? new Date();
    const [count, sample] = await Promise.all([
      countMatchingMembers(deps.db, shopId, rules, now),
      sampleMatchingMembers(deps.db, shopId, rules, now, GROUP_PREVIEW_SAMPLE_SIZE),
    ]);
    const body: GroupPreviewResponse = { count, sample };
    res.json(body);
  });
  return router;
}
