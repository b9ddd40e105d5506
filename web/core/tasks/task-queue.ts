// The durable task table: work scheduled for later or retried after failure. This module owns the
// table's writes. Any number of job processes (and claimers within one) may claim at once: a claim is
// one conditional UPDATE (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has a single writer), and a
// claim whose worker died is put back after its lease. Claims are fair: they take the most urgent
// tasks of each shop that has due work, round-robin over shops, so one shop's burst of 50,000 orders
// delays another shop's single order by one batch, not by the whole burst.
import { randomUUID } from 'node:crypto';
import type { Db, Prisma } from '../db-client';
import { prismaSqlExecutor, sqlClientOf, type SqlExecutor } from '../sql/sql-client';
import { joinSql, sql, sqlList, toDate, type SqlQuery } from '../sql/sql-query';
import { exponentialBackoff, isTaskKind, taskKinds, taskPolicy } from './task-kinds';

/** Where a task statement runs: a database, or a raw-SQL transaction it belongs to. */
type TaskTarget = { prisma: Prisma; kind?: Db['kind']; sql?: Db['sql'] } | SqlExecutor;
const executorOf = (target: TaskTarget): SqlExecutor =>
  'prisma' in target ? (target.sql ?? prismaSqlExecutor(target.prisma)) : target;

export interface TaskRow {
  id: string;
  shopDomain: string;
  kind: string;
  reference: string;
  payload: string;
  attempts: number;
  maxAttempts: number;
}

const TASK_COLUMNS = sql`"id", "shopDomain", "kind", "reference", "payload", "attempts", "maxAttempts"`;

export interface EnqueueTaskInput {
  shopDomain: string;
  kind: string;
  reference: string;
  payload?: unknown;
  runAt?: Date;
  /** id of the new row (default: random) */
  id?: string;
  /** insert it already claimed by this worker (first attempt running), e.g. a web request that runs it at once */
  claimedBy?: { workerId: string; lockedUntil: Date };
}

/** One row of the INSERT INTO "Task" column list below; its retry policy and priority come from the kind. */
function taskValues(input: EnqueueTaskInput, now: Date): SqlQuery {
  const claim = input.claimedBy;
  const policy = taskPolicy(input.kind);
  return sql`(${input.id ?? randomUUID()}, ${input.shopDomain}, ${input.kind}, ${input.reference}, ${JSON.stringify(input.payload ?? {})},
    ${claim ? 'running' : 'queued'}, ${input.runAt ?? now}, ${claim ? 1 : 0}, ${policy.maxAttempts}, ${policy.priority},
    ${claim?.workerId ?? null}, ${claim?.lockedUntil ?? null}, ${now}, ${now})`;
}

/** The INSERT of enqueueTasks, as a fragment for callers that fold it into a larger statement. */
export function enqueueTasksSql(inputs: EnqueueTaskInput[], now = new Date()): SqlQuery {
  return sql`
    INSERT INTO "Task" ("id", "shopDomain", "kind", "reference", "payload", "status", "runAt", "attempts", "maxAttempts", "priority", "lockedBy", "lockedUntil", "createdAt", "updatedAt")
    VALUES ${joinSql(inputs.map((input) => taskValues(input, now)))}
    ON CONFLICT ("reference") DO NOTHING`;
}

export function enqueueTaskSql(input: EnqueueTaskInput, now = new Date()): SqlQuery {
  return enqueueTasksSql([input], now);
}

/**
 * The INSERT for tasks of one kind whose rows come from a query (columns: "id", "shopDomain",
 * "reference", "payload"), e.g. inside a PostgreSQL CTE that stores what the tasks will work on.
 */
export function enqueueTasksFromSql(kind: string, rows: SqlQuery, now: Date): SqlQuery {
  const policy = taskPolicy(kind);
  return sql`
    INSERT INTO "Task" ("id", "shopDomain", "kind", "reference", "payload", "status", "runAt", "attempts", "maxAttempts", "priority", "createdAt", "updatedAt")
    SELECT r."id", r."shopDomain", ${kind}, r."reference", r."payload", 'queued', ${now}, 0, ${policy.maxAttempts}, ${policy.priority}, ${now}, ${now}
    FROM (${rows}) AS r
    WHERE TRUE -- SQLite reads "ON CONFLICT" right after a FROM as a join constraint
    ON CONFLICT ("reference") DO NOTHING`;
}

/** Inserts the task unless one with the same reference exists; returns whether it was new. */
export async function enqueueTask(target: TaskTarget, input: EnqueueTaskInput, now = new Date()): Promise<boolean> {
  return (await executorOf(target).execute(enqueueTaskSql(input, now))) > 0;
}

/** Inserts the tasks whose reference is new; returns how many were. */
export async function enqueueTasks(target: TaskTarget, inputs: EnqueueTaskInput[], now = new Date()): Promise<number> {
  return inputs.length === 0 ? 0 : executorOf(target).execute(enqueueTasksSql(inputs, now));
}

export interface ClaimOptions {
  workerId: string;
  /** kinds this claimer runs (default: every registered kind) */
  kinds?: string[];
  limit: number;
  now?: Date;
  leaseMs?: number;
}

/** Shops served by one claim at most; the next claim continues after the last of them. */
const SHOPS_PER_CLAIM = 64;

/**
 * Claims due tasks fairly and remembers where it stopped: each claim walks the shops with due work in
 * name order after the previous claim's last shop (wrapping around), and takes from each an equal share
 * of the batch, most urgent kind first, then oldest.
 */
export function createTaskClaimer(db: Db, options: Omit<ClaimOptions, 'limit' | 'now'>) {
  const client = sqlClientOf(db);
  const kinds = sqlList(options.kinds ?? Object.keys(taskKinds));
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  let afterShop = '';

  async function shopsWithDueWork(now: Date): Promise<string[]> {
    // A loose index scan on (status, shopDomain, …): one index probe per shop, however many tasks each has.
    const next = (after: SqlQuery) => sql`(SELECT "shopDomain" FROM "Task" WHERE "status" = 'queued' AND "shopDomain" > ${after}
      AND "runAt" <= ${now} AND "kind" IN ${kinds} ORDER BY "shopDomain" LIMIT 1)`;
    const rows = await client.query<{ shopDomain: string }>(sql`
      WITH RECURSIVE shops ("shopDomain", "n") AS (
        SELECT ${next(sql`${afterShop}`)}, 1
        UNION ALL
        SELECT ${next(sql`s."shopDomain"`)}, s."n" + 1 FROM shops s WHERE s."shopDomain" IS NOT NULL AND s."n" < ${SHOPS_PER_CLAIM}
      )
      SELECT "shopDomain" FROM shops WHERE "shopDomain" IS NOT NULL`);
    return rows.map((row) => row.shopDomain);
  }

  return {
    async claim(limit: number, now = new Date()): Promise<TaskRow[]> {
      await releaseExpiredLeases(client, now);
      let shops = await shopsWithDueWork(now);
      if (shops.length < SHOPS_PER_CLAIM && afterShop !== '') {
        afterShop = '';
        shops = [...shops, ...(await shopsWithDueWork(now)).filter((shop) => !shops.includes(shop))];
      }
      if (shops.length === 0) return [];
      afterShop = shops.length < SHOPS_PER_CLAIM ? '' : shops[shops.length - 1]!;
      const share = Math.max(1, Math.ceil(limit / shops.length));
      const lock = db.kind === 'postgresql' ? sql` FOR UPDATE SKIP LOCKED` : sql``;
      const perShop = shops.map((shop) => sql`SELECT "id" FROM (SELECT "id" FROM "Task"
        WHERE "status" = 'queued' AND "shopDomain" = ${shop} AND "runAt" <= ${now} AND "kind" IN ${kinds}
        ORDER BY "priority" DESC, "runAt" LIMIT ${share}${lock}) AS "t"`);
      // Picked once (MATERIALIZED): a subquery under the UPDATE may be rescanned, and with SKIP LOCKED
      // each rescan would pick the next rows (those this statement already updated are skipped).
      const claimed = await client.query<TaskRow & { priority: number; runAt: unknown }>(sql`
        WITH "picked" AS MATERIALIZED (${joinSql(perShop, ' UNION ALL ')})
        UPDATE "Task" SET "status" = 'running', "lockedBy" = ${options.workerId}, "lockedUntil" = ${new Date(now.getTime() + leaseMs)},
          "attempts" = "attempts" + 1, "updatedAt" = ${now}
        WHERE "id" IN (SELECT "id" FROM "picked") AND "status" = 'queued'
        RETURNING ${TASK_COLUMNS}, "priority", "runAt"`);
      return claimed
        .map((row) => ({ row, runAt: toDate(row.runAt).getTime() }))
        .sort((a, b) => b.row.priority - a.row.priority || a.runAt - b.runAt)
        .map(({ row: { priority: _priority, runAt: _runAt, ...task } }) => task);
    },
  };
}

/** One claim (tests, one-off runs); a long-running worker keeps a claimer for round-robin fairness. */
export async function claimTasks(db: Db, options: ClaimOptions): Promise<TaskRow[]> {
  return createTaskClaimer(db, options).claim(options.limit, options.now);
}

/**
 * A running task whose lease expired lost its worker (a crash, a kill): it goes back to the queue, or
 * ends `failed` when it has used its attempts, so a task that kills its worker cannot do so forever.
 */
async function releaseExpiredLeases(client: SqlExecutor, now: Date): Promise<number> {
  return client.execute(sql`
    UPDATE "Task" SET "status" = CASE WHEN "attempts" >= "maxAttempts" THEN 'failed' ELSE 'queued' END,
      "lastError" = 'the worker running it stopped before its lease ran out', "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = ${now}
    WHERE "status" = 'running' AND "lockedUntil" < ${now}`);
}

/**
 * Gives back the tasks of a claimed batch that this worker still holds, as their lease's expiry would
 * (queued again, or `failed` once their attempts are used), but now: for a worker that cannot go on with
 * its batch (the database failed while it recorded an outcome) and should not leave the rest waiting
 * out the lease. Tasks whose outcome was recorded are no longer `running` under this worker, so untouched.
 */
export async function releaseTasks(target: TaskTarget, ids: string[], workerId: string, now = new Date()): Promise<number> {
  if (ids.length === 0) return 0;
  return executorOf(target).execute(sql`
    UPDATE "Task" SET "status" = CASE WHEN "attempts" >= "maxAttempts" THEN 'failed' ELSE 'queued' END,
      "lastError" = 'released by its worker after a failure in its batch', "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = ${now}
    WHERE "id" IN ${sqlList(ids)} AND "lockedBy" = ${workerId} AND "status" = 'running'`);
}

/** The UPDATE of completeTasks, as a fragment for callers that fold it into a larger statement. */
export function completeTasksSql(ids: string[], workerId: string, now: Date): SqlQuery {
  return sql`
    UPDATE "Task" SET "status" = 'done', "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = NULL, "updatedAt" = ${now}
    WHERE "id" IN ${sqlList(ids)} AND "lockedBy" = ${workerId} AND "status" = 'running'`;
}

export function completeTaskSql(task: Pick<TaskRow, 'id'>, workerId: string, now: Date): SqlQuery {
  return completeTasksSql([task.id], workerId, now);
}

/** Marks the task done, if this worker still holds it (also inside the transaction that did its work). */
export async function completeTask(target: TaskTarget, task: Pick<TaskRow, 'id'>, workerId: string, now = new Date()): Promise<void> {
  await executorOf(target).execute(completeTaskSql(task, workerId, now));
}

const defaultBackoff = exponentialBackoff(30_000, 60 * 60_000);

/** The wait before the next attempt of a task of this kind after `attempts` failed. */
export function retryDelayMs(attempts: number, kind?: string): number {
  return kind && isTaskKind(kind) ? taskPolicy(kind).backoffMs(attempts) : defaultBackoff(attempts);
}

/** Records the failure: retried later, or ends as `failed` (kept, listed, retryable by staff). */
export async function failTask(target: TaskTarget, task: TaskRow, workerId: string, error: unknown, options: { permanent?: boolean; now?: Date } = {}): Promise<'retry' | 'failed'> {
  const now = options.now ?? new Date();
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const final = options.permanent || task.attempts >= task.maxAttempts;
  const runAt = new Date(now.getTime() + retryDelayMs(task.attempts, task.kind));
  await executorOf(target).execute(sql`
    UPDATE "Task" SET "status" = ${final ? 'failed' : 'queued'}, "lastError" = ${message}, "lockedBy" = NULL, "lockedUntil" = NULL,
      "runAt" = ${final ? sql`"runAt"` : sql`${runAt}`}, "updatedAt" = ${now}
    WHERE "id" = ${task.id} AND "lockedBy" = ${workerId}`);
  return final ? 'failed' : 'retry';
}

/** Puts failed tasks of a shop back in the queue (staff action on the failed-deliveries list). */
export async function retryFailedTasks(target: TaskTarget, shopDomain: string, ids: string[], now = new Date()): Promise<number> {
  if (ids.length === 0) return 0;
  return executorOf(target).execute(sql`
    UPDATE "Task" SET "status" = 'queued', "attempts" = 0, "runAt" = ${now}, "updatedAt" = ${now}
    WHERE "shopDomain" = ${shopDomain} AND "id" IN ${sqlList(ids)} AND "status" = 'failed'`);
}
