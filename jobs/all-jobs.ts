import type { Job } from '../web/runtime/job';
import { expirePointsJob } from './expire-points';
import { fanOutBulkMessagesJob } from './fan-out-bulk-messages';
import { postDueCreditsJob } from './post-due-credits';
import { processTasksJob } from './process-tasks';
import { pruneFinishedTasksJob } from './prune-finished-tasks';
import { runCampaignsJob } from './run-campaigns';
import { queueGroupShopifySyncJob } from './queue-group-shopify-sync';
import { reevaluateGroupsJob } from './reevaluate-groups';
import { sendOutboxJob } from './send-outbox';
import { settleStuckRedemptionsJob } from './settle-stuck-redemptions';
import { syncLocationsJob } from './sync-locations';

export const allJobs: Job[] = [processTasksJob, postDueCreditsJob, sendOutboxJob, settleStuckRedemptionsJob, syncLocationsJob, runCampaignsJob, expirePointsJob, fanOutBulkMessagesJob, queueGroupShopifySyncJob, reevaluateGroupsJob, pruneFinishedTasksJob];

export function findJob(name: string): Job | undefined {
  return allJobs.find((job) => job.name === name);
}
