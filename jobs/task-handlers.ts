// Which code runs each kind of task in the durable task table.
import { PROCESS_WEBHOOK_TASK } from '../web/core/webhooks/record-webhook-delivery';
import { SYNC_CATALOG_TASK, syncShopCatalog } from '../web/server/catalog/sync-shop-catalog';
import { webhookHandlers } from '../web/server/webhooks/handlers';
import { ISSUE_REWARD_TASK } from '../web/core/redemption/redemption-types';
import { issueRewardTaskHandler } from '../web/server/rewards/issue-reward-task';
import { createWebhookDispatcher } from '../web/server/webhooks/process-webhook-delivery';
import type { JobContext } from './job';

export type TaskHandler = (context: JobContext, payload: unknown) => Promise<void>;

const processWebhookDelivery = createWebhookDispatcher(webhookHandlers);

export const taskHandlers: Record<string, TaskHandler> = {
  [PROCESS_WEBHOOK_TASK]: async (context, payload) => {
    const { deliveryId } = payload as { deliveryId: string };
    await processWebhookDelivery({ db: context.runtime.db, logger: context.runtime.logger, now: context.now }, deliveryId);
  },
  [SYNC_CATALOG_TASK]: async (context, payload) => {
    const { shopDomain } = payload as { shopDomain: string };
    const result = await syncShopCatalog(context.runtime.db, context.runtime.admin, shopDomain);
    context.runtime.logger.info({ shop: shopDomain, ...result }, 'catalogue synced');
  },
  [ISSUE_REWARD_TASK]: issueRewardTaskHandler,
};
