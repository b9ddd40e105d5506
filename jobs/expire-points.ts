import { expirePoints } from '../web/core/expiry/expire-points';
import type { Job } from '../web/runtime/job';

export const expirePointsJob: Job = {
  name: 'expire-points',
  // Hourly: points expire on their day, whatever hour the shop's day starts in UTC.
  schedule: '7 * * * *',
  async run({ runtime, now, shouldStop }) {
    const result = await expirePoints(runtime.db, { now: now(), ...(shouldStop ? { shouldStop } : {}) });
    return { ...result };
  },
};
