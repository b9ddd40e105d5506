// Which code runs each kind of task in the durable task table. The kinds, their attempts, backoff and
// priority are declared once in web/core/tasks/task-kinds.ts; this record must name a handler for
// every one of them (it does not compile otherwise). A kind may also take a whole claimed batch at
// once (`runBatch`), for set-based work.
import { syncShopCatalog } from '../server/catalog/sync-shop-catalog';
import { syncShopLocations } from '../server/locations/sync-shop-locations';
import { REFRESH_MEMBER_GROUPS_TASK, SYNC_GROUP_DISCOUNT_TASK, SYNC_MEMBER_TAGS_TASK } from '../core/groups/group-task-kinds';
import { ISSUE_REWARD_TASK } from '../core/redemption/redemption-types';
import { PROCESS_BOOKING_EVENT_TASK, PROCESS_WEBHOOK_TASK, REEVALUATE_GROUPS_TASK, RUN_IMPORT_TASK, SYNC_CATALOG_TASK, SYNC_LOCATIONS_TASK, type TaskKind } from '../core/tasks/task-kinds';
import { reevaluateGroups } from '../core/groups/reevaluate-groups';
import { bookingIntegrationBoxes } from '../server/booking-events/booking-integration-boxes';
import { processBookingEvent } from '../server/booking-events/process-booking-event';
import type { ImportTaskPayload } from '../core/imports/start-import';
import { runImportStep } from '../server/imports/run-import-step';
import type { TaskRow } from '../core/tasks/task-queue';
import { webhookHandlers } from '../server/webhooks/handlers';
import { issueRewardTaskHandler } from '../server/rewards/issue-reward-task';
import { syncGroupDiscountTaskHandler, syncMemberTagsTaskHandler } from '../server/groups/group-sync-tasks';
import { refreshMemberGroupsTaskBatch, refreshMemberGroupsTaskHandler } from '../server/groups/refresh-member-groups-task';
import { createWebhookDispatcher } from '../server/webhooks/process-webhook-delivery';
import { createWebhookBatchProcessor, type WebhookTaskOutcome } from '../server/webhooks/process-webhook-batch';
import type { JobContext } from './job';

export interface TaskHandler {
  run(context: JobContext, payload: unknown): Promise<void>;
  /** tasks of this kind from one claim, together; `runOne` runs one alone (and records its outcome) */
  runBatch?(context: JobContext, tasks: TaskRow[], runOne: (task: TaskRow) => Promise<'done' | 'retry' | 'failed'>): Promise<Map<string, WebhookTaskOutcome>>;
}

const processWebhookDelivery = createWebhookDispatcher(webhookHandlers);
const processWebhookTasks = createWebhookBatchProcessor(webhookHandlers);
const webhookContext = (context: JobContext) => ({ db: context.runtime.db, logger: context.runtime.logger, now: context.now });

export const taskHandlers: Record<TaskKind, TaskHandler> = {
  [PROCESS_WEBHOOK_TASK]: {
    async run(context, payload) {
      const { deliveryId } = payload as { deliveryId: string };
      await processWebhookDelivery(webhookContext(context), deliveryId);
    },
    runBatch: (context, tasks, runOne) => processWebhookTasks(webhookContext(context), tasks, context.workerId, runOne),
  },
  [SYNC_CATALOG_TASK]: {
    async run(context, payload) {
      const { shopDomain } = payload as { shopDomain: string };
      const result = await syncShopCatalog(context.runtime.db, context.runtime.admin, shopDomain);
      context.runtime.logger.info({ shop: shopDomain, ...result }, 'catalogue synced');
    },
  },
  [SYNC_LOCATIONS_TASK]: {
    async run(context, payload) {
      const { shopDomain } = payload as { shopDomain: string };
      const result = await syncShopLocations(context.runtime.db, context.runtime.admin, shopDomain, context.now());
      context.runtime.logger.info({ shop: shopDomain, ...result }, 'locations synced');
    },
  },
  [ISSUE_REWARD_TASK]: { run: issueRewardTaskHandler },
  // Enqueued when staff save an automatic group or a tier (web/core/groups/enqueue-group-reevaluation.ts).
  [REEVALUATE_GROUPS_TASK]: {
    async run(context, payload) {
      const { shopId } = payload as { shopId: string };
      const summary = await reevaluateGroups(context.runtime.db, { shopId, now: context.now(), trigger: 'group_saved' });
      context.runtime.logger.info({ shopId, summary }, 'groups re-evaluated');
    },
  },
  [PROCESS_BOOKING_EVENT_TASK]: {
    async run(context, payload) {
      const { inboundEventId } = payload as { inboundEventId: string };
      const { config, db, logger } = context.runtime;
      const outcome = await processBookingEvent({ db, boxes: bookingIntegrationBoxes(config.encryptionKey), acuityApiUrl: config.acuityApiUrl }, inboundEventId, context.now());
      if (outcome?.status === 'needs_review') logger.info({ inboundEventId, note: outcome.note }, 'booking event waits for staff review');
    },
  },
  [RUN_IMPORT_TASK]: {
    async run(context, payload) {
      const { db, admin, logger } = context.runtime;
      await runImportStep({ db, admin, logger, now: context.now }, payload as ImportTaskPayload);
    },
  },
  [SYNC_GROUP_DISCOUNT_TASK]: { run: syncGroupDiscountTaskHandler },
  [SYNC_MEMBER_TAGS_TASK]: { run: syncMemberTagsTaskHandler },
  // Queued with an order, refund, credit, consent or customer update (web/core/groups/enqueue-member-group-refresh.ts).
  [REFRESH_MEMBER_GROUPS_TASK]: { run: refreshMemberGroupsTaskHandler, runBatch: refreshMemberGroupsTaskBatch },
};
