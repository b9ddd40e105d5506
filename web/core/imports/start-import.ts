// Starting an import: the job row and the durable task that runs it, in one transaction. Each step of a
// job has its own task reference, so asking twice for the same step queues one task.
import { randomUUID } from 'node:crypto';
import { writeTransaction, type Db, type DbKind, type Prisma } from '../db-client';
import { AppError } from '../errors/app-error';
import { prismaSqlExecutor } from '../sql/sql-client';
import { enqueueTask } from '../tasks/task-queue';
import { RUN_IMPORT_TASK } from '../tasks/task-kinds';
import { createImportJob, getImportJob, transitionImportJob, type ImportJobRecord } from './import-job-store';

export type ImportStep = 'import-customers' | 'preview-orders' | 'apply-orders' | 'apply-balances';

export interface ImportTaskPayload {
  jobId: string;
  step: ImportStep;
}

export async function enqueueImportStep(db: Db, shopDomain: string, payload: ImportTaskPayload, options: { runAt?: Date; attempt?: string } = {}): Promise<boolean> {
  return enqueueTask(db, {
    shopDomain, kind: RUN_IMPORT_TASK, reference: `${RUN_IMPORT_TASK}:${payload.jobId}:${payload.step}${options.attempt ? `:${options.attempt}` : ''}`, payload, runAt: options.runAt,
  });
}

async function shopDomainOf(db: Db, shopId: string): Promise<string> {
  const shop = await db.prisma.shop.findUnique({ where: { id: shopId }, select: { domain: true } });
  if (!shop) throw new AppError('NOT_FOUND', 'Shop not found.');
  return shop.domain;
}

/** A job not touched for this long lost its task for good (it used its attempts): it no longer blocks a new one. */
const ABANDONED_AFTER_MS = 6 * 3600_000;

async function refuseWhileRunning(db: Db, shopId: string, kind: ImportJobRecord['kind']): Promise<void> {
  const running = await db.prisma.importJob.count({
    where: { shopId, kind, status: { in: ['preparing', 'queued', 'running'] }, updatedAt: { gt: new Date(Date.now() - ABANDONED_AFTER_MS) } },
  });
  if (running > 0) throw new AppError('CONFLICT', 'An import of this kind is already running; wait until it has finished.');
}

export async function startCustomerImport(db: Db, shopId: string, startedBy: string | null): Promise<ImportJobRecord> {
  await refuseWhileRunning(db, shopId, 'customers');
  const job = await createImportJob(db, { shopId, kind: 'customers', status: 'queued', startedBy });
  await enqueueImportStep(db, await shopDomainOf(db, shopId), { jobId: job.id, step: 'import-customers' });
  return job;
}

/**
 * The customer import that follows an install, once per shop: the task reference is the shop's, so a
 * second install (or two racing first requests) queues nothing more.
 */
export async function startCustomerImportAfterInstall(db: { prisma: Prisma; kind?: DbKind }, shopId: string, shopDomain: string): Promise<boolean> {
  const jobId = randomUUID();
  return writeTransaction(db, async (tx) => {
    const queued = await enqueueTask(prismaSqlExecutor(tx), {
      shopDomain, kind: RUN_IMPORT_TASK, reference: `${RUN_IMPORT_TASK}:after-install:${shopDomain}`, payload: { jobId, step: 'import-customers' } satisfies ImportTaskPayload,
    });
    if (queued) await tx.importJob.create({ data: { id: jobId, shopId, kind: 'customers', status: 'queued', params: JSON.stringify({ auto: true }) } });
    return queued;
  });
}

/** A past-orders backfill starts with its preview; `confirmPastOrders` applies it. */
export async function startPastOrdersPreview(db: Db, shopId: string, range: { from: Date; to: Date }, startedBy: string | null): Promise<ImportJobRecord> {
  if (!(range.from < range.to)) throw new AppError('VALIDATION', 'The start of the range must be before its end.');
  await refuseWhileRunning(db, shopId, 'past_orders');
  const job = await createImportJob(db, { shopId, kind: 'past_orders', status: 'preparing', startedBy, params: { from: range.from.toISOString(), to: range.to.toISOString() } });
  await enqueueImportStep(db, await shopDomainOf(db, shopId), { jobId: job.id, step: 'preview-orders' });
  return job;
}

export async function confirmPastOrders(db: Db, shopId: string, jobId: string): Promise<ImportJobRecord> {
  const job = await getImportJob(db, shopId, jobId);
  if (job.kind !== 'past_orders') throw new AppError('VALIDATION', 'This import is not a past-orders backfill.');
  if (!(await transitionImportJob(db, shopId, jobId, ['preview_ready'], 'queued'))) throw new AppError('CONFLICT', 'This backfill has no preview waiting to be confirmed.');
  await enqueueImportStep(db, await shopDomainOf(db, shopId), { jobId, step: 'apply-orders' });
  return getImportJob(db, shopId, jobId);
}

/** Applies a balance file whose dry run found no errors. */
export async function confirmBalanceImport(db: Db, shopId: string, jobId: string): Promise<ImportJobRecord> {
  const job = await getImportJob(db, shopId, jobId);
  if (job.kind !== 'balances') throw new AppError('VALIDATION', 'This import is not a balance file.');
  if (job.status === 'invalid') throw new AppError('VALIDATION', `The file has ${job.errorCount} row error(s); fix them and upload it again. Nothing was applied.`, { errors: job.errors });
  if (!(await transitionImportJob(db, shopId, jobId, ['validated'], 'queued'))) throw new AppError('CONFLICT', 'This file is already being applied or has been applied.');
  await enqueueImportStep(db, await shopDomainOf(db, shopId), { jobId, step: 'apply-balances' });
  return getImportJob(db, shopId, jobId);
}
