// Runs one step of an onboarding import as a durable task: starts (or finds again) the Shopify bulk
// operation, polls it, streams its JSONL into the domain's batch writers from the job's checkpoint, and
// records the outcome on the job. A step that dies part-way is run again by the task queue and
// continues after its last committed batch. A bulk operation Shopify reports FAILED ends the job
// (`failed`, with Shopify's errorCode); anything else (network, database) is retried by the queue.
import { Readable } from 'node:stream';
import type { Db } from '../../core/db-client';
import { applyCustomerBatch, parseCustomerLine, type ImportedCustomer } from '../../core/imports/import-customers';
import { applyPastOrders, previewPastOrders, readPastOrders } from '../../core/imports/backfill-past-orders';
import { applyBalanceFile } from '../../core/imports/import-balances';
import { findImportJob, readImportSource, updateImportJob, type ImportJobRecord } from '../../core/imports/import-job-store';
import { readLines, type NumberedLine } from '../../core/imports/read-lines';
import { enqueueImportStep, type ImportTaskPayload } from '../../core/imports/start-import';
import type { Logger } from '../../runtime/logger';
import type { AdminGraphqlClient } from '../../shopify-admin/admin-graphql-client';
import { CUSTOMERS_BULK_QUERY, pastOrdersBulkQuery, readBulkOperation, startBulkQuery } from '../../shopify-admin/bulk-operations';
import { loadOfflineSession } from '../auth/offline-session-store';

export interface ImportStepDeps {
  db: Db;
  admin: AdminGraphqlClient;
  logger: Logger;
  now: () => Date;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** how long one run waits for Shopify before handing over to a later task (default 2 min) */
  pollBudgetMs?: number;
  /**
   * how long one run works before it stops between two batches and hands over to a continuation task
   * (default 4 min: the task's lease is 5 min and cannot be extended, so a run must end inside it)
   */
  workBudgetMs?: number;
}

/** Shopify ended the bulk operation without a result: the job fails, the task does not retry. */
class BulkOperationEnded extends Error {}
/** Shopify is still working: a later task picks the step up again. */
class StillRunning extends Error {}

const FINISHED = new Set(['completed', 'failed', 'cancelled']);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function openBulkResult(deps: ImportStepDeps, job: ImportJobRecord, shopDomain: string, query: string): Promise<{ lines: AsyncIterable<NumberedLine>; objectCount: number }> {
  const session = await loadOfflineSession(deps.db.prisma, shopDomain);
  if (!session) throw new BulkOperationEnded(`the shop ${shopDomain} has no access token (not installed)`);
  let operationId = job.bulkOperationId;
  if (operationId === null) {
    const started = await startBulkQuery(deps.admin, shopDomain, session.accessToken, query);
    if (!started.ok) {
      if (started.code === 'OPERATION_IN_PROGRESS' || started.code === 'LIMIT_REACHED') throw new Error(`Shopify is busy with other bulk operations: ${started.message}`);
      throw new BulkOperationEnded(`Shopify refused the bulk query: ${started.message}`);
    }
    operationId = started.id;
    // Resetting the checkpoint with the new operation: line numbers belong to one result file.
    await updateImportJob(deps.db, job.id, { bulkOperationId: operationId, processed: 0 });
    job.processed = 0;
  }
  const sleep = deps.sleep ?? defaultSleep;
  const deadline = Date.now() + (deps.pollBudgetMs ?? 2 * 60_000);
  for (let wait = 250; ; wait = Math.min(5000, wait * 2)) {
    const state = await readBulkOperation(deps.admin, shopDomain, session.accessToken, operationId);
    if (!state || state.status === 'EXPIRED') {
      // The result is gone (kept seven days): ask again; the writers are idempotent.
      await updateImportJob(deps.db, job.id, { bulkOperationId: null });
      job.bulkOperationId = null;
      return openBulkResult(deps, job, shopDomain, query);
    }
    if (state.status === 'COMPLETED') {
      await updateImportJob(deps.db, job.id, { total: state.objectCount });
      if (!state.url) return { lines: readLines([]), objectCount: 0 };
      const response = await (deps.fetchImpl ?? fetch)(state.url);
      if (!response.ok || !response.body) throw new Error(`downloading the bulk result failed: HTTP ${response.status}`);
      return { lines: readLines(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>)), objectCount: state.objectCount };
    }
    if (state.status === 'FAILED' || state.status === 'CANCELED' || state.status === 'CANCELING') {
      throw new BulkOperationEnded(`Shopify's bulk operation ended ${state.status}${state.errorCode ? ` (${state.errorCode})` : ''}`);
    }
    if (Date.now() + wait > deadline) throw new StillRunning();
    await sleep(wait);
  }
}

/** The run stopped at its time box with work left: a continuation task goes on from the checkpoint. */
class TimeBoxed extends Error {}

async function importCustomers(deps: ImportStepDeps, job: ImportJobRecord, shopDomain: string, stopAt: number): Promise<Record<string, unknown>> {
  const { lines, objectCount } = await openBulkResult(deps, job, shopDomain, CUSTOMERS_BULK_QUERY);
  let batch: ImportedCustomer[] = [];
  let last = job.processed;
  const flush = async () => {
    await applyCustomerBatch(deps.db, job.shopId, job.id, batch, last, deps.now());
    batch = [];
  };
  for await (const line of lines) {
    if (line.number <= job.processed || line.text.trim() === '') continue;
    const customer = parseCustomerLine(line.text);
    if (customer) batch.push(customer);
    last = line.number;
    if (batch.length >= 1000) {
      await flush();
      if (Date.now() > stopAt) throw new TimeBoxed();
    }
  }
  if (batch.length > 0 || last > job.processed) await flush();
  // One line per customer: the export holds no nested connection.
  return { members: objectCount };
}

export async function runImportStep(deps: ImportStepDeps, payload: ImportTaskPayload): Promise<void> {
  const job = await findImportJob(deps.db, payload.jobId);
  if (!job || FINISHED.has(job.status)) return;
  const shop = await deps.db.prisma.shop.findUnique({ where: { id: job.shopId }, select: { domain: true } });
  if (!shop) return;
  const startedAt = job.startedAt ? undefined : deps.now();
  const stopAt = Date.now() + (deps.workBudgetMs ?? 4 * 60_000);
  try {
    switch (payload.step) {
      case 'import-customers': {
        await updateImportJob(deps.db, job.id, { status: 'running', startedAt });
        const summary = await importCustomers(deps, job, shop.domain, stopAt);
        await updateImportJob(deps.db, job.id, { status: 'completed', summary, finishedAt: deps.now(), lastError: null });
        break;
      }
      case 'preview-orders': {
        const { lines } = await openBulkResult(deps, job, shop.domain, pastOrdersBulkQuery(new Date(job.params.from!), new Date(job.params.to!)));
        const preview = await previewPastOrders(deps.db, job.shopId, readPastOrders(lines), deps.now());
        await updateImportJob(deps.db, job.id, { status: 'preview_ready', summary: { ...preview }, lastError: null });
        break;
      }
      case 'apply-orders': {
        await updateImportJob(deps.db, job.id, { status: 'running', startedAt });
        const { lines } = await openBulkResult(deps, job, shop.domain, pastOrdersBulkQuery(new Date(job.params.from!), new Date(job.params.to!)));
        const result = await applyPastOrders(deps.db, job.shopId, job.id, readPastOrders(lines, job.processed), deps.now(), { startAfter: job.processed, stopAt });
        if (!result.finished) throw new TimeBoxed();
        await updateImportJob(deps.db, job.id, { status: 'completed', finishedAt: deps.now(), lastError: null, summary: { ...job.summary, applied: result.orders, pointsRecorded: result.pointsRecorded } });
        break;
      }
      case 'apply-balances': {
        await updateImportJob(deps.db, job.id, { status: 'running', startedAt });
        const csv = await readImportSource(deps.db, job.id);
        if (csv === null) throw new BulkOperationEnded('the uploaded file is no longer stored');
        if (!(await applyBalanceFile(deps.db, job, csv, deps.now(), { stopAt })).finished) throw new TimeBoxed();
        await updateImportJob(deps.db, job.id, { status: 'completed', finishedAt: deps.now(), lastError: null, dropSource: true });
        break;
      }
    }
  } catch (error) {
    if (error instanceof StillRunning || error instanceof TimeBoxed) {
      const waitMs = error instanceof StillRunning ? 30_000 : 0;
      await enqueueImportStep(deps.db, shop.domain, payload, { runAt: new Date(deps.now().getTime() + waitMs), attempt: String(Date.now()) });
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof BulkOperationEnded || (error as { code?: string }).code === 'VALIDATION';
    deps.logger.warn({ jobId: job.id, step: payload.step, err: error }, permanent ? 'import failed' : 'import step failed; it will be retried');
    await updateImportJob(deps.db, job.id, permanent ? { status: 'failed', lastError: message, finishedAt: deps.now() } : { lastError: message });
    if (!permanent) throw error;
  }
}
