import { runCampaigns } from '../web/core/campaigns/run-campaigns';
import type { Job } from '../web/runtime/job';

export const runCampaignsJob: Job = {
  name: 'run-campaigns',
  // Every five minutes: a birthday or a thank-you is due to the hour, never to the minute.
  schedule: '*/5 * * * *',
  async run({ runtime, now, shouldStop }) {
    const result = await runCampaigns(runtime.db, { now: now(), ...(shouldStop ? { shouldStop } : {}) });
    return { ...result };
  },
};
