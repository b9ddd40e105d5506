// Settles redemptions stuck in `issuing` (see settleStuckRedemptions): records the card or credit
// Shopify has, or returns the points, and alerts staff. Every minute; the claim is set-based, so any
// number of job processes may run it.
import { settleStuckRedemptionsRun } from '../web/server/rewards/issue-reward-task';
import type { Job } from './job';

export const settleStuckRedemptionsJob: Job = {
  name: 'settle-stuck-redemptions',
  schedule: '30 * * * * *',
  run: async (context) => ({ ...(await settleStuckRedemptionsRun(context)) }),
};
