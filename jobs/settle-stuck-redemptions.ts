// Settles redemptions stuck in `issuing` (settleStuckRedemptions in the redemption workflow): records
// the card or credit Shopify has, or returns the points, and alerts staff. Every minute; the claim is
// set-based, so any number of job processes may run it.
import { settleStuckRedemptions } from '../web/core/redemption/redemption-workflow';
import { redemptionWorkflowDepsOf } from '../web/runtime/redemption-workflow-deps';
import type { Job } from '../web/runtime/job';

export const settleStuckRedemptionsJob: Job = {
  name: 'settle-stuck-redemptions',
  schedule: '30 * * * * *',
  run: async ({ runtime, now, workerId, shouldStop }) => ({
    ...(await settleStuckRedemptions(redemptionWorkflowDepsOf(runtime, now), { workerId, stuckAfterMs: runtime.config.redemptionStuckAfterMs, ...(shouldStop ? { shouldStop } : {}) })),
  }),
};
