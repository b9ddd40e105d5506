// The web process: migrate, build the app, listen; in demo mode also start the local Shopify simulator,
// seed the demo shop and run the jobs in-process. SIGTERM drains connections before exiting.
import { hostname } from 'node:os';
import type { Server } from 'node:http';
import { startScheduler, type Scheduler } from '../../jobs/scheduler';
import { allJobs } from '../../jobs/all-jobs';
import { createApp } from './app';
import { createLogger } from './logger';
import { loadConfigOrExit } from './load-config-or-exit';
import { createRuntime } from './runtime';

async function main(): Promise<void> {
  let config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, { process: 'web' });
  let stopDemo: (() => Promise<void>) | undefined;
  if (config.demoMode && !config.shopify.simulatorUrl) {
    // Loaded only in demo mode: the simulator is a development tool, not part of production.
    const { startDemoSimulator } = await import('./demo/start-demo-environment.js');
    const simulator = await startDemoSimulator(config);
    config = { ...config, shopify: { ...config.shopify, simulatorUrl: simulator.url } };
    stopDemo = simulator.close;
  }
  const runtime = await createRuntime(config, logger);
  const app = createApp({ config, db: runtime.db, shopify: runtime.shopify, installer: runtime.installer, logger });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
  });
  server.keepAliveTimeout = 65_000;
  logger.info({ url: `http://localhost:${config.port}`, database: runtime.db.kind, demoMode: config.demoMode }, 'web server listening');

  if (config.demoMode) {
    const { seedDemoData } = await import('./demo/start-demo-environment.js');
    await seedDemoData(runtime, `http://127.0.0.1:${config.port}`);
  }
  let scheduler: Scheduler | undefined;
  if (config.runJobsInWeb) {
    scheduler = startScheduler({ runtime, now: () => new Date(), workerId: `${hostname()}:${process.pid}:web` }, allJobs);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await scheduler?.stop();
      await runtime.close();
      await stopDemo?.();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
