import type { Job } from './job';
import { postDueCreditsJob } from './post-due-credits';
import { processTasksJob } from './process-tasks';

export const allJobs: Job[] = [processTasksJob, postDueCreditsJob];

export function findJob(name: string): Job | undefined {
  return allJobs.find((job) => job.name === name);
}
