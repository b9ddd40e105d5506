// Turns due bulk messages into outbox rows (one per recipient per channel), resuming any fan-out whose
// process died, and marks messages done once all their rows are sent, failed or skipped.
import { claimDueBulkMessage, fanOutBulkMessage, finishSentBulkMessages } from '../web/core/bulk-messages/fan-out-bulk-message';
import type { Job } from '../web/runtime/job';

export const fanOutBulkMessagesJob: Job = {
  name: 'bulk-messages',
  schedule: '*/10 * * * * *',
  async run({ runtime, now, shouldStop }) {
    const { config, db } = runtime;
    const crashAfter = config.bulk.crashAfterChunks;
    const result = { messages: 0, chunks: 0, rows: 0, finished: 0 };
    for (let message = await claimDueBulkMessage(db, now()); message; message = await claimDueBulkMessage(db, now())) {
      const fanned = await fanOutBulkMessage(db, message, {
        now,
        chunkSize: config.bulk.fanOutChunk,
        // The crash test's "kill -9 during fan-out", set only through BULK_CRASH_AFTER_CHUNKS.
        ...(crashAfter ? { afterChunk: (chunk: number) => void (chunk >= crashAfter && process.kill(process.pid, 'SIGKILL')) } : {}),
        ...(shouldStop ? { shouldStop } : {}),
      });
      result.messages += 1;
      result.chunks += fanned.chunks;
      result.rows += fanned.rows;
      if (shouldStop?.()) break;
    }
    result.finished = await finishSentBulkMessages(db, now());
    return result;
  },
};
