// The durable task table: work scheduled for later or retried after failure. Any number of job
// processes may claim at once: a claim is one conditional UPDATE (with FOR UPDATE SKIP LOCKED on
// PostgreSQL), and a claim whose worker died expires after its lease and is claimed again.
import { randomUUID } from 'node:crypto';
import type { Db, Prisma } from '../db-client';
import { prismaSqlExecutor, type SqlExecutor } from '../sql/sql-client';
import { sql, type SqlQuery } from '../sql/sql-query';

/** Where a task statement runs: a database (through Prisma), or a raw-SQL transaction it belongs to. */
type TaskTarget = { prisma: Prisma } | SqlExecutor;
const executorOf = (target: TaskTarget): SqlExecutor => ('prisma' in target ? prismaSqlExecutor(target.prisma) : target);

export interface TaskRow {
  id: string;
  shopDomain: string;
  kind: string;
  reference: string;
  payload: string;
  attempts: number;
  maxAttempts: number;
}

export interface EnqueueTaskInput {
  shopDomain: string;
  kind: string;
  reference: string;
  payload?: unknown;
  runAt?: Date;
  maxAttempts?: number;
  /** id of the new row (default: random) */
  id?: string;
  /** insert it already claimed by this worker (first attempt running), e.g. a web request that runs it at once */
  claimedBy?: { workerId: string; lockedUntil: Date };
}

/** The INSERT of enqueueTask, as a fragment for callers that fold it into a larger statement. */
export function enqueueTaskSql(input: EnqueueTaskInput, now = new Date()): SqlQuery {
  const claim = input.claimedBy;
  return sql`
    INSERT INTO "Task" ("id", "shopDomain", "kind", "reference", "payload", "status", "runAt", "attempts", "maxAttempts", "lockedBy", "lockedUntil", "createdAt", "updatedAt")
    VALUES (${input.id ?? randomUUID()}, ${input.shopDomain}, ${input.kind}, ${input.reference}, ${JSON.stringify(input.payload ?? {})}, ${claim ? 'running' : 'queued'},
            ${input.runAt ?? now}, ${claim ? 1 : 0}, ${input.maxAttempts ?? 8}, ${claim?.workerId ?? null}, ${claim?.lockedUntil ?? null}, ${now}, ${now})
    ON CONFLICT ("reference") DO NOTHING`;
}

/** Inserts the task unless one with the same reference exists; returns whether it was new. */
export async function enqueueTask(target: TaskTarget, input: EnqueueTaskInput, now = new Date()): Promise<boolean> {
  return (await executorOf(target).execute(enqueueTaskSql(input, now))) > 0;
}

export interface ClaimOptions {
  workerId: string;
  kinds: string[];
  limit: number;
  now?: Date;
  leaseMs?: number;
}

export async function claimTasks(db: Db, options: ClaimOptions): Promise<TaskRow[]> {
  const now = options.now ?? new Date();
  const lockedUntil = new Date(now.getTime() + (options.leaseMs ?? 5 * 60_000));
  if (options.kinds.length === 0) return [];
  const kinds = options.kinds;
  // Claimable: queued and due, or running with an expired lease (its worker died mid-task).
  if (db.kind === 'postgresql') {
    return db.prisma.$queryRawUnsafe<TaskRow[]>(
      `UPDATE "Task" SET "status" = 'running', "lockedBy" = $1, "lockedUntil" = $2, "attempts" = "attempts" + 1, "updatedAt" = $3
       WHERE "id" IN (
         SELECT "id" FROM "Task"
         WHERE "kind" = ANY($4::text[]) AND "runAt" <= $3
           AND ("status" = 'queued' OR ("status" = 'running' AND "lockedUntil" < $3))
         ORDER BY "runAt" LIMIT $5 FOR UPDATE SKIP LOCKED)
       RETURNING "id", "shopDomain", "kind", "reference", "payload", "attempts", "maxAttempts"`,
      options.workerId, lockedUntil, now, kinds, options.limit,
    );
  }
  const placeholders = kinds.map(() => '?').join(', ');
  return db.prisma.$queryRawUnsafe<TaskRow[]>(
    `UPDATE "Task" SET "status" = 'running', "lockedBy" = ?, "lockedUntil" = ?, "attempts" = "attempts" + 1, "updatedAt" = ?
     WHERE "id" IN (
       SELECT "id" FROM "Task"
       WHERE "kind" IN (${placeholders}) AND "runAt" <= ?
         AND ("status" = 'queued' OR ("status" = 'running' AND "lockedUntil" < ?))
       ORDER BY "runAt" LIMIT ?)
     RETURNING "id", "shopDomain", "kind", "reference", "payload", "attempts", "maxAttempts"`,
    options.workerId, lockedUntil, now, ...kinds, now, now, options.limit,
  );
}

/** The UPDATE of completeTask, as a fragment for callers that fold it into a larger statement. */
export function completeTaskSql(task: Pick<TaskRow, 'id'>, workerId: string, now: Date): SqlQuery {
  return sql`
    UPDATE "Task" SET "status" = 'done', "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = NULL, "updatedAt" = ${now}
    WHERE "id" = ${task.id} AND "lockedBy" = ${workerId} AND "status" = 'running'`;
}

/** Marks the task done, if this worker still holds it (also inside the transaction that did its work). */
export async function completeTask(target: TaskTarget, task: Pick<TaskRow, 'id'>, workerId: string, now = new Date()): Promise<void> {
  await executorOf(target).execute(completeTaskSql(task, workerId, now));
}

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 1 h, so 8 attempts span about 2 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** Records the failure: retried later, or ends as `failed` (kept, listed, retryable by staff). */
export async function failTask(db: Pick<Db, 'prisma'>, task: TaskRow, workerId: string, error: unknown, options: { permanent?: boolean; now?: Date } = {}): Promise<'retry' | 'failed'> {
  const now = options.now ?? new Date();
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const final = options.permanent || task.attempts >= task.maxAttempts;
  await db.prisma.task.updateMany({
    where: { id: task.id, lockedBy: workerId },
    data: final
      ? { status: 'failed', lastError: message, lockedBy: null, lockedUntil: null, updatedAt: now }
      : { status: 'queued', lastError: message, lockedBy: null, lockedUntil: null, runAt: new Date(now.getTime() + retryDelayMs(task.attempts)), updatedAt: now },
  });
  return final ? 'failed' : 'retry';
}

/** Puts failed tasks of a shop back in the queue (staff action on the failed-deliveries list). */
export async function retryFailedTasks(db: Pick<Db, 'prisma'>, shopDomain: string, ids: string[], now = new Date()): Promise<number> {
  const { count } = await db.prisma.task.updateMany({
    where: { shopDomain, id: { in: ids }, status: 'failed' },
    data: { status: 'queued', attempts: 0, runAt: now, updatedAt: now },
  });
  return count;
}
