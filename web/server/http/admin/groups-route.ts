// Customer groups and tiers (issue 15): the list with statistics, create / change / archive, the tier
// order, manual membership (one, a selection, a CSV) and a member's groups. Managers and owners change
// groups; staff read them (admin-route-policies.ts). The domain writes the audit rows in each change's
// transaction.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../core/db-client';
import { createGroupSchema, groupImportSchema, memberIdsSchema, tierOrderSchema, updateGroupSchema } from '../../../core/groups/group-input-schema';
import { groupStatistics } from '../../../core/groups/group-statistics';
import { archiveGroup, createGroup, getGroup, listGroups, setTierOrder, updateGroup } from '../../../core/groups/group-store';
import { addGroupMembers, importGroupMembers, removeGroupMembers } from '../../../core/groups/manage-group-members';
import { getMemberGroups } from '../../../core/groups/member-groups';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

const idSchema = z.string().min(1).max(100);
const rangeSchema = z.object({
  from: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(40).optional()),
  to: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(40).optional()),
});

export function createGroupsRouter(deps: { db: Db }): Router {
  const { db } = deps;
  const router = Router();
  router.get('/groups', async (_req, res) => {
    res.json({ items: await listGroups(db.prisma, adminAuthOf(res.locals).shopId) });
  });
  router.get('/groups/stats', async (req, res) => {
    res.json(await groupStatistics(db, adminAuthOf(res.locals).shopId, rangeSchema.parse(req.query)));
  });
  router.put('/groups/tiers', async (req, res) => {
    const input = tierOrderSchema.parse(req.body);
    res.json({ items: await setTierOrder(db, adminAuthOf(res.locals).shopId, staffOf(res.locals), input) });
  });
  router.get('/groups/:id', async (req, res) => {
    res.json(await getGroup(db.prisma, adminAuthOf(res.locals).shopId, idSchema.parse(req.params.id)));
  });
  router.post('/groups', async (req, res) => {
    const input = createGroupSchema.parse(req.body);
    res.status(201).json(await createGroup(db, adminAuthOf(res.locals).shopId, staffOf(res.locals), input));
  });
  router.patch('/groups/:id', async (req, res) => {
    const input = updateGroupSchema.parse(req.body);
    res.json(await updateGroup(db, adminAuthOf(res.locals).shopId, staffOf(res.locals), idSchema.parse(req.params.id), input));
  });
  router.delete('/groups/:id', async (req, res) => {
    await archiveGroup(db, adminAuthOf(res.locals).shopId, staffOf(res.locals), idSchema.parse(req.params.id));
    res.status(204).end();
  });
  router.post('/groups/:id/members', async (req, res) => {
    const { memberIds } = memberIdsSchema.parse(req.body);
    res.json(await addGroupMembers(db, adminAuthOf(res.locals).shopId, staffOf(res.locals), idSchema.parse(req.params.id), memberIds));
  });
  router.post('/groups/:id/members/remove', async (req, res) => {
    const { memberIds } = memberIdsSchema.parse(req.body);
    res.json(await removeGroupMembers(db, adminAuthOf(res.locals).shopId, staffOf(res.locals), idSchema.parse(req.params.id), memberIds));
  });
  router.delete('/groups/:id/members/:memberId', async (req, res) => {
    res.json(await removeGroupMembers(db, adminAuthOf(res.locals).shopId, staffOf(res.locals), idSchema.parse(req.params.id), [idSchema.parse(req.params.memberId)]));
  });
  router.post('/groups/:id/members/import', async (req, res) => {
    const input = groupImportSchema.parse(req.body);
    res.json(await importGroupMembers(db, adminAuthOf(res.locals).shopId, staffOf(res.locals), idSchema.parse(req.params.id), input));
  });
  router.get('/members/:id/groups', async (req, res) => {
    res.json(await getMemberGroups(db.prisma, adminAuthOf(res.locals).shopId, idSchema.parse(req.params.id)));
  });
  return router;
}
