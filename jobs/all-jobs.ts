import type { Job } from '../web/runtime/job';
import { postDueCreditsJob } from './post-due-credits';
import { processTasksJob } from './process-tasks';
import { reevaluateGroupsJob } from './reevaluate-groups';
import { sendOutboxJob } from './send-outbox';
import { settleStuckRedemptionsJob } from './settle-stuck-redemptions';

export const allJobs: Job[] = [processTasksJob, postDueCreditsJob, sendOutboxJob, settleStuckRedemptionsJob, reevaluateGroupsJob];

export function findJob(name: string): Job | undefined {
  return allJobs.find((job) => job.name === name);
}
