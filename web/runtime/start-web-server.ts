// Starts the web process: in demo mode the local Shopify simulator and demo data first, then the app,
// and (when configured) the job scheduler. main.ts and the end-to-end tests both start it this way.
import { hostname } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allJobs } from '../../jobs/all-jobs';
import { startScheduler, type Scheduler } from '../../jobs/scheduler';
import { createApp } from '../server/app';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { createRuntime, type Runtime } from './runtime';

export interface WebServer {
  url: string;
  port: number;
  runtime: Runtime;
  /** stops accepting connections, finishes requests and jobs, closes the database */
  close(): Promise<void>;
}

export async function startWebServer(initialConfig: AppConfig, logger: Logger): Promise<WebServer> {
  let config = initialConfig;
  // Loaded only in demo mode: the simulator is a development tool, not part of production.
  const demoModule = config.demoMode && !config.shopify.simulatorUrl ? await import('../server/demo/start-demo-environment.js') : undefined;
  const demo = demoModule ? await demoModule.startDemoEnvironment(config) : undefined;
  if (demo) config = { ...config, shopify: { ...config.shopify, simulatorUrl: demo.simulatorUrl } };

  const runtime = await createRuntime(config, logger);
  const demoRouters = demo && demoModule ? [(await import('../server/demo/demo-orders-route.js')).createDemoOrdersRouter({ runtime, demo })] : [];
  const app = createApp({ config, db: runtime.db, shopify: runtime.shopify, installer: runtime.installer, logger, demoRouters });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = createServer(app).listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  logger.info({ url, port, database: runtime.db.kind, demoMode: config.demoMode }, 'web server listening');

  if (demo && demoModule) await demoModule.seedDemoData(runtime, demo, `http://127.0.0.1:${port}`);
  let scheduler: Scheduler | undefined;
  if (config.runJobsInWeb) {
    scheduler = startScheduler({ runtime, now: () => new Date(), workerId: `${hostname()}:${process.pid}:web` }, allJobs);
  }

  return {
    url,
    port,
    runtime,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await scheduler?.stop();
      await runtime.close();
      await demo?.close();
    },
  };
}
