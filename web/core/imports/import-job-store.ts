// The ImportJob table: onboarding imports (customers, past orders, balances) with their progress and
// checkpoint. This module owns the table's writes; the checkpoint statement is handed to the batch
// writers so that a batch and the count that says it is done commit together.
import { randomUUID } from 'node:crypto';
import type { ImportJobView, ImportRowError } from '../../contracts/imports-api';
import type { Db } from '../db-client';
import { AppError } from '../errors/app-error';
import { sqlClientOf } from '../sql/sql-client';
import { sql, toDate, toDateOrNull, type SqlQuery } from '../sql/sql-query';

export type ImportKind = 'customers' | 'past_orders' | 'balances';
export type ImportStatus = 'preparing' | 'preview_ready' | 'validated' | 'invalid' | 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** Errors kept on the job for the admin; the count says how many there were in all. */
export const KEPT_ERRORS = 200;

export interface ImportJobRecord extends ImportJobView {
  shopId: string;
  bulkOperationId: string | null;
  paramsJson: Record<string, unknown>;
}

const VIEW_SELECT = {
  id: true, shopId: true, kind: true, status: true, params: true, summary: true, bulkOperationId: true, processed: true, total: true,
  errorCount: true, errors: true, lastError: true, startedBy: true, startedAt: true, finishedAt: true, createdAt: true,
} as const;

type Row = { id: string; shopId: string; kind: string; status: string; params: string; summary: string; bulkOperationId: string | null; processed: number; total: number;
  errorCount: number; errors: string; lastError: string | null; startedBy: string | null; startedAt: Date | null; finishedAt: Date | null; createdAt: Date };

function toRecord(row: Row): ImportJobRecord {
  const params = JSON.parse(row.params) as Record<string, unknown>;
  return {
    id: row.id, shopId: row.shopId, kind: row.kind as ImportKind, status: row.status as ImportStatus, params: params as ImportJobView['params'], paramsJson: params,
    summary: JSON.parse(row.summary) as ImportJobView['summary'], bulkOperationId: row.bulkOperationId, processed: row.processed, total: row.total,
    errorCount: row.errorCount, errors: JSON.parse(row.errors) as ImportRowError[], lastError: row.lastError, startedBy: row.startedBy,
    startedAt: row.startedAt?.toISOString() ?? null, finishedAt: row.finishedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(),
  };
}

export interface NewImportJob {
  id?: string;
  shopId: string;
  kind: ImportKind;
  status: ImportStatus;
  params?: Record<string, unknown>;
  summary?: Record<string, unknown>;
  total?: number;
  errors?: ImportRowError[];
  errorCount?: number;
  startedBy?: string | null;
}

const ROW_COLUMNS = sql`"id", "shopId", "kind", "status", "params", "summary", "bulkOperationId", "processed", "total", "errorCount", "errors", "lastError",
  "startedBy", "startedAt", "finishedAt", "createdAt"`;

/** A row read by raw SQL: counts and timestamps arrive in the driver's types. */
function fromSql(row: Record<string, unknown>): Row {
  return {
    ...(row as unknown as Row),
    processed: Number(row.processed), total: Number(row.total), errorCount: Number(row.errorCount),
    startedAt: toDateOrNull(row.startedAt), finishedAt: toDateOrNull(row.finishedAt), createdAt: toDate(row.createdAt),
  };
}

// Created and read by raw SQL, like the imports' batches: the import paths then never load Prisma's
// query compiler (about 70 MB of a process that imports a 100,000-row file).
export async function createImportJob(db: Db, input: NewImportJob): Promise<ImportJobRecord> {
  const now = new Date();
  const errors = input.errors ?? [];
  const [row] = await sqlClientOf(db).query<Record<string, unknown>>(sql`
    INSERT INTO "ImportJob" ("id", "shopId", "kind", "status", "params", "summary", "total", "errors", "errorCount", "startedBy", "createdAt", "updatedAt")
    VALUES (${input.id ?? randomUUID()}, ${input.shopId}, ${input.kind}, ${input.status}, ${JSON.stringify(input.params ?? {})}, ${JSON.stringify(input.summary ?? {})},
      ${input.total ?? 0}, ${JSON.stringify(errors.slice(0, KEPT_ERRORS))}, ${input.errorCount ?? errors.length}, ${input.startedBy ?? null}, ${now}, ${now})
    RETURNING ${ROW_COLUMNS}`);
  return toRecord(fromSql(row!));
}

export async function findImportJob(db: Db, jobId: string): Promise<ImportJobRecord | null> {
  const [row] = await sqlClientOf(db).query<Record<string, unknown>>(sql`SELECT ${ROW_COLUMNS} FROM "ImportJob" WHERE "id" = ${jobId}`);
  return row ? toRecord(fromSql(row)) : null;
}

export async function getImportJob(db: Db, shopId: string, jobId: string): Promise<ImportJobRecord> {
  const job = await findImportJob(db, jobId);
  if (!job || job.shopId !== shopId) throw new AppError('NOT_FOUND', 'No such import.');
  return job;
}

export async function listImportJobs(db: Db, shopId: string, limit = 20): Promise<ImportJobView[]> {
  const rows = await db.prisma.importJob.findMany({ where: { shopId }, orderBy: { createdAt: 'desc' }, take: limit, select: VIEW_SELECT });
  return rows.map((row) => {
    const { shopId: _shop, bulkOperationId: _op, paramsJson: _params, ...view } = toRecord(row);
    return view;
  });
}

/** The uploaded file (raw SQL: megabytes through Prisma's query compiler would grow its memory for good). */
export async function readImportSource(db: Db, jobId: string): Promise<string | null> {
  const [row] = await sqlClientOf(db).query<{ sourceText: string | null }>(sql`SELECT "sourceText" FROM "ImportJob" WHERE "id" = ${jobId}`);
  return row?.sourceText ?? null;
}

export interface ImportJobChanges {
  status?: ImportStatus;
  summary?: Record<string, unknown>;
  bulkOperationId?: string | null;
  processed?: number;
  total?: number;
  lastError?: string | null;
  errors?: ImportRowError[];
  errorCount?: number;
  startedAt?: Date;
  finishedAt?: Date | null;
  /** the uploaded file is dropped once applied */
  dropSource?: boolean;
}

export async function updateImportJob(db: Db, jobId: string, changes: ImportJobChanges): Promise<void> {
  await db.prisma.importJob.update({
    where: { id: jobId },
    data: {
      ...(changes.status ? { status: changes.status } : {}),
      ...(changes.summary ? { summary: JSON.stringify(changes.summary) } : {}),
      ...(changes.bulkOperationId !== undefined ? { bulkOperationId: changes.bulkOperationId } : {}),
      ...(changes.processed !== undefined ? { processed: changes.processed } : {}),
      ...(changes.total !== undefined ? { total: changes.total } : {}),
      ...(changes.lastError !== undefined ? { lastError: changes.lastError?.slice(0, 2000) ?? null } : {}),
      ...(changes.errors ? { errors: JSON.stringify(changes.errors.slice(0, KEPT_ERRORS)) } : {}),
      ...(changes.errorCount !== undefined ? { errorCount: changes.errorCount } : {}),
      ...(changes.startedAt ? { startedAt: changes.startedAt } : {}),
      ...(changes.finishedAt !== undefined ? { finishedAt: changes.finishedAt } : {}),
      ...(changes.dropSource ? { sourceText: null } : {}),
    },
  });
}

/** Moves a job from one status to another only if it is still in the first: false when it was not. */
export async function transitionImportJob(db: Db, shopId: string, jobId: string, from: ImportStatus[], to: ImportStatus): Promise<boolean> {
  const { count } = await db.prisma.importJob.updateMany({ where: { id: jobId, shopId, status: { in: from } }, data: { status: to } });
  return count > 0;
}

/** The checkpoint: run inside the transaction of the batch it counts. */
export function checkpointSql(jobId: string, processed: number, now: Date): SqlQuery {
  return sql`UPDATE "ImportJob" SET "processed" = ${processed}, "updatedAt" = ${now} WHERE "id" = ${jobId}`;
}
