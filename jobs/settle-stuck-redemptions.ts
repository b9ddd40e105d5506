// Settles redemptions stuck in `issuing` (settleStuckRedemptions in the redemption workflow): records
// the card or credit Shopify has, or returns the points, and alerts staff. Every minute; the claim is
// set-based, so any number of job processes may run it.
import { settleStuckRedemptions } from '../web/core/redemption/redemption-workflow';
import { redemptionWorkflowDepsOf } from '../web/server/rewards/redemption-workflow-deps';
import type { Job } from './job';

export const settleStuckRedemptionsJob: Job = {
  name: 'settle-stuck-redemptions',
  schedule: '30 * * * * *',
  run: async (context) => ({ ...(await settleStuckRedemptions(redemptionWorkflowDepsOf(context.runtime, context.now), { workerId: context.workerId, stuckAfterMs: context.runtime.config.redemptionStuckAfterMs })) }),
};
