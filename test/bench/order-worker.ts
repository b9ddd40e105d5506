// Child process for the order pipeline benchmark: the job process as production runs it, with only the
// process-tasks job on its schedule (TASK_CLAIMERS and TASK_BATCH_SIZE from the environment).
import { hostname } from 'node:os';
import { processTasksJob } from '../../jobs/process-tasks';
import { startScheduler } from '../../jobs/scheduler';
import { loadConfig } from '../../web/runtime/config';
import { createLogger } from '../../web/runtime/logger';
import { createRuntime } from '../../web/runtime/runtime';

async function main(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: process.argv[2],
    SHOPIFY_API_KEY: 'bench-api-key',
    SHOPIFY_API_SECRET: 'bench-api-secret-0123456789',
    SHOPIFY_APP_URL: 'https://bench.test',
    LOG_LEVEL: 'warn',
    ...(process.env.TASK_CLAIMERS ? { TASK_CLAIMERS: process.env.TASK_CLAIMERS } : {}),
    ...(process.env.TASK_BATCH_SIZE ? { TASK_BATCH_SIZE: process.env.TASK_BATCH_SIZE } : {}),
  });
  const logger = createLogger(config.logLevel, { process: 'bench-jobs' });
  const runtime = await createRuntime(config, logger, { migrate: false });
  const scheduler = startScheduler({ runtime, now: () => new Date(), workerId: `${hostname()}:${process.pid}` }, [processTasksJob]);
  process.stdout.write('ready\n');
  process.once('SIGTERM', async () => {
    await scheduler.stop();
    await runtime.close();
    process.exit(0);
  });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
