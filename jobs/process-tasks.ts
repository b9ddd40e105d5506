// Drains due tasks: claim a batch, run each, record success or failure (with backoff, or `failed`
// for good when attempts run out or the error is permanent). Several processes may run this at once.
import { claimTasks, completeTask, failTask, type TaskRow } from '../web/core/tasks/task-queue';
import type { Job, JobContext } from './job';
import { taskHandlers } from './task-handlers';

export async function runTask(context: JobContext, task: TaskRow): Promise<'done' | 'retry' | 'failed'> {
  const { runtime, workerId } = context;
  const handler = taskHandlers[task.kind];
  try {
    if (!handler) throw Object.assign(new Error(`no handler for task kind ${task.kind}`), { permanent: true });
    await handler(context, JSON.parse(task.payload));
    await completeTask(runtime.db, task, workerId, context.now());
    return 'done';
  } catch (error) {
    const permanent = (error as { permanent?: boolean }).permanent === true;
    const outcome = await failTask(runtime.db, task, workerId, error, { permanent, now: context.now() });
    runtime.logger[outcome === 'failed' ? 'error' : 'warn']({ taskId: task.id, kind: task.kind, reference: task.reference, attempts: task.attempts, err: error }, `task ${outcome === 'failed' ? 'failed for good' : 'will be retried'}`);
    return outcome;
  }
}

export async function processDueTasks(context: JobContext, options: { batchSize?: number; maxBatches?: number } = {}): Promise<{ done: number; retry: number; failed: number }> {
  const counts = { done: 0, retry: 0, failed: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? 100); batch += 1) {
    const tasks = await claimTasks(context.runtime.db, {
      workerId: context.workerId,
      kinds: Object.keys(taskHandlers),
      limit: options.batchSize ?? 20,
      now: context.now(),
    });
    if (tasks.length === 0) break;
    for (const task of tasks) counts[await runTask(context, task)] += 1;
    if (context.shouldStop?.()) break;
  }
  return counts;
}

export const processTasksJob: Job = {
  name: 'process-tasks',
  schedule: '*/5 * * * * *',
  run: (context) => processDueTasks(context),
};
