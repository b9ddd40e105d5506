// Deletes done tasks of the kinds whose policy allows it (web/core/tasks/prune-finished-tasks.ts). Hourly;
// any number of job processes may run it (a row deleted twice is deleted once).
import { pruneFinishedTasks } from '../web/core/tasks/prune-finished-tasks';
import type { Job } from '../web/runtime/job';

export const pruneFinishedTasksJob: Job = {
  name: 'prune-finished-tasks',
  schedule: '0 17 * * * *',
  run: async ({ runtime, now, shouldStop }) => ({ ...(await pruneFinishedTasks(runtime.db, { now: now(), ...(shouldStop ? { shouldStop } : {}) })) }),
};
