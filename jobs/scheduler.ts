// Runs every job on its node-cron schedule. A job never overlaps itself within a process; across
// processes the work is claimed atomically in the database, so any number of schedulers may run.
import cron from 'node-cron';
import type { Job, JobContext } from '../web/runtime/job';

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(schedulerContext: JobContext, jobs: Job[]): Scheduler {
  const running = new Map<string, Promise<void>>();
  let stopping = false;
  const context: JobContext = { ...schedulerContext, shouldStop: () => stopping || (schedulerContext.shouldStop?.() ?? false) };
  const tasks = jobs.map((job) =>
    cron.schedule(job.schedule, () => {
      if (running.has(job.name) || stopping) return;
      const started = Date.now();
      const run = job
        .run(context)
        .then((result) => {
          const busy = Object.values(result).some((value) => typeof value === 'number' && value > 0);
          if (busy) context.runtime.logger.info({ job: job.name, ms: Date.now() - started, ...result }, 'job ran');
        })
        .catch((error) => context.runtime.logger.error({ job: job.name, err: error }, 'job failed'))
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    }, { name: job.name }),
  );
  return {
    async stop() {
      // Running jobs see shouldStop() and return after their current batch.
      stopping = true;
      for (const task of tasks) await task.stop();
      await Promise.allSettled([...running.values()]);
      for (const job of jobs) await job.dispose?.(context);
    },
  };
}
