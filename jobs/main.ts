// `npm run jobs`: the scheduler (every job on its schedule) in its own process.
// `npm run job -- <name>`: run one job once and exit.
import { hostname } from 'node:os';
import { createLogger } from '../web/runtime/logger';
import { loadConfigOrExit } from '../web/runtime/load-config-or-exit';
import { createRuntime } from '../web/runtime/runtime';
import { allJobs, findJob } from './all-jobs';
import { startScheduler } from './scheduler';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, { process: 'jobs' });
  const [command, name] = process.argv.slice(2);
  if (command === 'once') {
    const job = name ? findJob(name) : undefined;
    if (!job) {
      process.stderr.write(`Unknown job "${name ?? ''}". Jobs: ${allJobs.map((j) => j.name).join(', ')}\n`);
      process.exit(2);
    }
    const runtime = await createRuntime(config, logger);
    const context = { runtime, now: () => new Date(), workerId: `${hostname()}:${process.pid}:once` };
    try {
      const result = await job.run(context);
      process.stdout.write(`${JSON.stringify({ job: job.name, ...result })}\n`);
    } finally {
      await job.dispose?.(context);
      await runtime.close();
    }
    return;
  }
  const runtime = await createRuntime(config, logger);
  const scheduler = startScheduler({ runtime, now: () => new Date(), workerId: `${hostname()}:${process.pid}` }, allJobs);
  logger.info({ jobs: allJobs.map((job) => `${job.name} (${job.schedule})`) }, 'job scheduler started');
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'stopping job scheduler: finishing the current batches');
    // docs/operations.md promises a stop within 10 s; a batch stuck on a dead peer must not break it.
    setTimeout(() => {
      logger.error('jobs did not stop within 10 s; exiting');
      process.exit(1);
    }, 10_000).unref();
    await scheduler.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
