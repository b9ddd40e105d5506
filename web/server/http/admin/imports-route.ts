// Onboarding imports: the jobs with their progress, the customer import, the past-orders backfill
// (preview, then confirm) and balance files from another loyalty app (dry run, then apply).
import { Router } from 'express';
import { z } from 'zod';
import type { ImportJobsResponse } from '../../../contracts/imports-api';
import type { Db } from '../../../core/db-client';
import { dryRunBalanceImport } from '../../../core/imports/import-balances';
import { getImportJob, listImportJobs } from '../../../core/imports/import-job-store';
import { confirmBalanceImport, confirmPastOrders, startCustomerImport, startPastOrdersPreview } from '../../../core/imports/start-import';
import { recordStaffAction } from '../../../core/staff/record-staff-action';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

const jobIdSchema = z.string().min(1).max(100);
const rangeSchema = z.object({ from: z.iso.date(), to: z.iso.date() }).strict();
const balanceFileSchema = z.object({ csv: z.string().min(1).max(40_000_000), fileName: z.string().trim().min(1).max(200) }).strict();

/** The range is whole days, `to` included. */
function dayRange(range: z.infer<typeof rangeSchema>): { from: Date; to: Date } {
  const from = new Date(`${range.from}T00:00:00Z`);
  const to = new Date(new Date(`${range.to}T00:00:00Z`).getTime() + 24 * 3600_000);
  return { from, to };
}

export function createImportsRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/imports', async (_req, res) => {
    const body: ImportJobsResponse = { jobs: await listImportJobs(deps.db, adminAuthOf(res.locals).shopId) };
    res.json(body);
  });
  router.get('/imports/:id', async (req, res) => {
    const { paramsJson: _p, bulkOperationId: _b, shopId: _s, ...job } = await getImportJob(deps.db, adminAuthOf(res.locals).shopId, jobIdSchema.parse(req.params.id));
    res.json({ job });
  });
  router.post('/imports/customers', async (_req, res) => {
    const job = await startCustomerImport(deps.db, adminAuthOf(res.locals).shopId, staffOf(res.locals).userId);
    res.status(202).json({ job: { id: job.id, status: job.status } });
  });
  router.post('/imports/past-orders', async (req, res) => {
    const range = dayRange(rangeSchema.parse(req.body));
    const job = await startPastOrdersPreview(deps.db, adminAuthOf(res.locals).shopId, range, staffOf(res.locals).userId);
    res.status(202).json({ job: { id: job.id, status: job.status } });
  });
  router.post('/imports/:id/confirm', async (req, res) => {
    const { shopId } = adminAuthOf(res.locals);
    const id = jobIdSchema.parse(req.params.id);
    const current = await getImportJob(deps.db, shopId, id);
    const job = current.kind === 'balances' ? await confirmBalanceImport(deps.db, shopId, id) : await confirmPastOrders(deps.db, shopId, id);
    await recordStaffAction(deps.db.prisma, { shopId, userId: staffOf(res.locals).userId, action: 'imports.confirm', target: id, details: { kind: job.kind, summary: job.summary } });
    res.status(202).json({ job: { id: job.id, status: job.status } });
  });
  // A dry run: checks the file and keeps it with the job; nothing reaches a balance before /confirm.
  router.post('/imports/balances', async (req, res) => {
    const body = balanceFileSchema.parse(req.body);
    const job = await dryRunBalanceImport(deps.db, adminAuthOf(res.locals).shopId, { ...body, startedBy: staffOf(res.locals).userId });
    const { paramsJson: _p, bulkOperationId: _b, shopId: _s, ...view } = job;
    res.status(201).json({ job: view });
  });
  return router;
}
