import type { Job } from './job';
import { postDueCreditsJob } from './post-due-credits';
import { processTasksJob } from './process-tasks';
import { sendOutboxJob } from './send-outbox';

export const allJobs: Job[] = [processTasksJob, postDueCreditsJob, sendOutboxJob];

export function findJob(name: string): Job | undefined {
  return allJobs.find((job) => job.name === name);
}
