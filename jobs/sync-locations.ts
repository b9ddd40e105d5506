// Queues a daily location sync per installed shop (names change, locations open and close); the task
// runner does the Admin API work. Hourly, so a shop installed or a process started mid-day is caught
// the same day; the task reference keeps it to one sync per shop and day.
import { requestDailyLocationSyncs } from '../web/core/locations/request-location-sync';
import type { Job } from '../web/runtime/job';

export const syncLocationsJob: Job = {
  name: 'sync-locations',
  schedule: '15 7 * * * *',
  run: async ({ runtime, now }) => ({ queued: await requestDailyLocationSyncs(runtime.db.prisma, now()) }),
};
