// Members: search, the member page, points history, manual and bulk adjustments.
import { Router } from 'express';
import { z } from 'zod';
import { adjustMemberPoints } from '../../../core/adjustments/adjust-member-points';
import { applyBulkAdjustment, previewBulkAdjustment } from '../../../core/adjustments/bulk-adjust-points';
import type { Db } from '../../../core/db-client';
import { getMemberDetails, listMemberHistory, searchMembers } from '../../../core/members/search-members';
import { memberScopeOf } from '../../../core/members/visible-members';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const cursor = z.preprocess((v) => (v === '' ? undefined : v), z.string().max(100).optional());

const searchSchema = z.object({ query: z.string().max(200).optional(), cursor, limit: limit(100, 25), groupId: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(100).optional()) });
const historySchema = z.object({ cursor, limit: limit(200, 50) });
const memberIdSchema = z.string().min(1).max(100);
export const adjustmentSchema = z
  .object({
    points: z.number().int().refine((n) => n !== 0, 'points must not be zero').refine((n) => Math.abs(n) <= 10_000_000, 'points must be at most 10,000,000'),
    description: z.string().trim().min(1, 'A description is required; the customer sees it.').max(300),
    idempotencyKey: z.string().trim().min(1).max(200),
  })
  .strict();
const bulkSchema = z
  .object({
    csv: z.string().min(1).max(2_000_000),
    dryRun: z.boolean(),
    /** the same key on a retried apply posts nothing twice; without one each apply is new */
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export function createMembersRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/members', async (req, res) => {
    const query = searchSchema.parse(req.query);
    res.json(await searchMembers(deps.db, adminAuthOf(res.locals).shopId, query, memberScopeOf(staffOf(res.locals))));
  });
  router.get('/members/:id', async (req, res) => {
    res.json(await getMemberDetails(deps.db.prisma, adminAuthOf(res.locals).shopId, memberIdSchema.parse(req.params.id), new Date(), memberScopeOf(staffOf(res.locals))));
  });
  router.get('/members/:id/history', async (req, res) => {
    const paging = historySchema.parse(req.query);
    res.json(await listMemberHistory(deps.db.prisma, adminAuthOf(res.locals).shopId, memberIdSchema.parse(req.params.id), paging, memberScopeOf(staffOf(res.locals))));
  });
  router.post('/members/:id/adjustments', async (req, res) => {
    const body = adjustmentSchema.parse(req.body);
    const result = await adjustMemberPoints(deps.db, {
      shopId: adminAuthOf(res.locals).shopId, memberId: memberIdSchema.parse(req.params.id), staff: staffOf(res.locals), ...body,
    });
    res.status(result.created ? 201 : 200).json({ entry: result.entry, member: result.member });
  });
  router.post('/adjustments/bulk', async (req, res) => {
    const body = bulkSchema.parse(req.body);
    const { shopId } = adminAuthOf(res.locals);
    const staff = staffOf(res.locals);
    const result = body.dryRun
      ? await previewBulkAdjustment(deps.db, shopId, staff, body.csv)
      : await applyBulkAdjustment(deps.db, shopId, staff, body.csv, { ...(body.idempotencyKey ? { batchKey: body.idempotencyKey } : {}) });
    res.json(result);
  });
  return router;
}
