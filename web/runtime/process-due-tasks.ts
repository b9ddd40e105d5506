// Drains due tasks: several claimers at once in this process (and any number of processes), each
// claiming a fair batch (round-robin over shops, most urgent kind first), running the kinds that work
// set-based as one batch and the rest one by one, and recording success or failure (with the kind's
// backoff, or `failed` for good when attempts run out or the error is permanent). Between batches a
// claimer stops when the process is shutting down.
import { isTaskKind } from '../core/tasks/task-kinds';
import { setTimeout as sleep } from 'node:timers/promises';
import { completeTask, createTaskClaimer, failTask, releaseTasks, type TaskRow } from '../core/tasks/task-queue';
import type { JobContext } from './job';
import { taskHandlers } from './task-handlers';

type Outcome = 'done' | 'retry' | 'failed';

async function recordFailure(context: JobContext, task: TaskRow, error: unknown, permanent: boolean): Promise<Outcome> {
  const { runtime, workerId } = context;
  const outcome = await failTask(runtime.db, task, workerId, error, { permanent, now: context.now() });
  runtime.logger[outcome === 'failed' ? 'error' : 'warn']({ taskId: task.id, kind: task.kind, reference: task.reference, attempts: task.attempts, err: error }, `task ${outcome === 'failed' ? 'failed for good' : 'will be retried'}`);
  return outcome;
}

export async function runTask(context: JobContext, task: TaskRow): Promise<Outcome> {
  try {
    if (!isTaskKind(task.kind)) throw Object.assign(new Error(`no handler for task kind ${task.kind}`), { permanent: true });
    await taskHandlers[task.kind].run(context, JSON.parse(task.payload));
    await completeTask(context.runtime.db, task, context.workerId, context.now());
    return 'done';
  } catch (error) {
    return recordFailure(context, task, error, (error as { permanent?: boolean }).permanent === true);
  }
}

/** Waits before each further try to give a batch back: long enough for a restarting database to accept connections again. */
const RELEASE_RETRY_DELAYS_MS = [1_000, 2_000];

/**
 * After a batch broke off (recording an outcome, or a set-based run, threw: the database is failing),
 * gives its unrecorded tasks back at once instead of leaving them `running` until the lease (5 min).
 * Tried again briefly while the database comes back; if it stays away, the lease still frees them.
 */
async function releaseBrokenBatch(context: JobContext, tasks: TaskRow[], cause: unknown): Promise<void> {
  const ids = tasks.map((task) => task.id);
  for (let attempt = 0; ; attempt += 1) {
    try {
      const released = await releaseTasks(context.runtime.db, ids, context.workerId, context.now());
      context.runtime.logger.warn({ released, batch: ids.length, err: cause }, 'task batch broke off; its unrecorded tasks were given back');
      return;
    } catch (error) {
      const delay = RELEASE_RETRY_DELAYS_MS[attempt];
      if (delay === undefined || context.shouldStop?.()) {
        context.runtime.logger.error({ batch: ids.length, err: error }, 'task batch broke off and could not be given back; its tasks wait for their lease');
        return;
      }
      await sleep(delay);
    }
  }
}

/**
 * Runs one claimed batch: kinds that work set-based take their tasks together, the rest run one by one
 * in claim order. If it breaks off, the tasks whose outcome is not recorded are given back, then the
 * error goes on to the caller.
 */
export async function runTaskBatch(context: JobContext, tasks: TaskRow[]): Promise<Record<Outcome, number>> {
  try {
    return await runClaimedTasks(context, tasks);
  } catch (error) {
    await releaseBrokenBatch(context, tasks, error);
    throw error;
  }
}

async function runClaimedTasks(context: JobContext, tasks: TaskRow[]): Promise<Record<Outcome, number>> {
  const counts: Record<Outcome, number> = { done: 0, retry: 0, failed: 0 };
  const settled = new Set<string>();
  const runOne = async (task: TaskRow) => {
    settled.add(task.id);
    return runTask(context, task);
  };
  for (const kind of new Set(tasks.map((task) => task.kind))) {
    const runBatch = isTaskKind(kind) ? taskHandlers[kind].runBatch : undefined;
    if (!runBatch) continue;
    const outcomes = await runBatch(context, tasks.filter((task) => task.kind === kind), runOne);
    for (const task of tasks) {
      const outcome = outcomes.get(task.id);
      if (!outcome) continue;
      settled.add(task.id);
      if (outcome.status === 'ran') counts[outcome.outcome] += 1;
      else counts[outcome.status === 'done' ? 'done' : await recordFailure(context, task, outcome.error, outcome.permanent)] += 1;
    }
  }
  for (const task of tasks) if (!settled.has(task.id)) counts[await runTask(context, task)] += 1;
  return counts;
}

export interface ProcessTasksOptions {
  batchSize?: number;
  /** claimers running at once in this process */
  claimers?: number;
  /** per claimer; unlimited by default: a claimer runs until the queue has nothing due */
  maxBatches?: number;
  kinds?: string[];
}

export async function processDueTasks(context: JobContext, options: ProcessTasksOptions = {}): Promise<Record<Outcome, number>> {
  const counts: Record<Outcome, number> = { done: 0, retry: 0, failed: 0 };
  const batchSize = options.batchSize ?? context.runtime.config.tasks.batchSize;
  const claimer = async (index: number) => {
    const claim = createTaskClaimer(context.runtime.db, { workerId: `${context.workerId}#${index}`, kinds: options.kinds });
    const worker = { ...context, workerId: `${context.workerId}#${index}` };
    for (let batch = 0; batch < (options.maxBatches ?? Number.POSITIVE_INFINITY); batch += 1) {
      if (context.shouldStop?.()) break;
      const tasks = await claim.claim(batchSize, context.now());
      if (tasks.length === 0) break;
      const done = await runTaskBatch(worker, tasks);
      for (const key of Object.keys(counts) as Outcome[]) counts[key] += done[key];
    }
  };
  await Promise.all(Array.from({ length: options.claimers ?? context.runtime.config.tasks.claimers }, (_, index) => claimer(index)));
  return counts;
}
