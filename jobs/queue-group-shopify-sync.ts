// Keeps the Shopify side of customer groups in step (web/core/groups/queue-group-shopify-sync.ts): queues
// the discount-group and member-tag sync tasks that changes since the last run call for. Every minute;
// the cursor moves conditionally, so any number of job processes may run it.
import { queueGroupDiscountSyncs, queueMemberTagSyncs } from '../web/core/groups/queue-group-shopify-sync';
import type { Job } from '../web/runtime/job';

export const queueGroupShopifySyncJob: Job = {
  name: 'queue-group-shopify-sync',
  schedule: '45 * * * * *',
  run: async ({ runtime, now }) => ({
    groups: await queueGroupDiscountSyncs(runtime.db, now()),
    members: await queueMemberTagSyncs(runtime.db, now()),
  }),
};
