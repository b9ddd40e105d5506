import type { Job } from '../web/runtime/job';
import { postDueCreditsJob } from './post-due-credits';
import { processTasksJob } from './process-tasks';
import { queueGroupShopifySyncJob } from './queue-group-shopify-sync';
import { sendOutboxJob } from './send-outbox';
import { settleStuckRedemptionsJob } from './settle-stuck-redemptions';

export const allJobs: Job[] = [processTasksJob, postDueCreditsJob, sendOutboxJob, settleStuckRedemptionsJob, queueGroupShopifySyncJob];

export function findJob(name: string): Job | undefined {
  return allJobs.find((job) => job.name === name);
}
