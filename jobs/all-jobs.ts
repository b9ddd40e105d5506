import type { Job } from '../web/runtime/job';
import { postDueCreditsJob } from './post-due-credits';
import { processTasksJob } from './process-tasks';
import { sendOutboxJob } from './send-outbox';
import { settleStuckRedemptionsJob } from './settle-stuck-redemptions';
import { syncLocationsJob } from './sync-locations';

export const allJobs: Job[] = [processTasksJob, postDueCreditsJob, sendOutboxJob, settleStuckRedemptionsJob, syncLocationsJob];

export function findJob(name: string): Job | undefined {
  return allJobs.find((job) => job.name === name);
}
