// Delivers the outbox (e-mail over SMTP, SMS through the configured provider).
import type { Job } from '../web/runtime/job';
import { closeOutboxSender, sendDueOutbox } from '../web/runtime/outbox-sender';

export const sendOutboxJob: Job = {
  name: 'send-outbox',
  schedule: '*/10 * * * * *',
  async run({ runtime, now, shouldStop }) {
    return { ...(await sendDueOutbox(runtime, { now, ...(shouldStop ? { shouldStop } : {}) })) };
  },
  async dispose({ runtime }) {
    closeOutboxSender(runtime);
  },
};
