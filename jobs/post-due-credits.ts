import { postDueCredits } from '../web/core/ledger/post-due-credits';
import type { Job } from '../web/runtime/job';

export const postDueCreditsJob: Job = {
  name: 'post-due-credits',
  schedule: '* * * * *',
  async run({ runtime, now, shouldStop }) {
    const result = await postDueCredits(runtime.db, { now: now(), batchSize: runtime.config.creditBatchSize, ...(shouldStop ? { shouldStop } : {}) });
    return { ...result };
  },
};
