// The real app in demo mode (simulator + seeded demo shop) on a random port, with a database of its own.
import { loadConfig } from '../../web/runtime/config';
import { createLogger } from '../../web/runtime/logger';
import { startWebServer } from '../../web/runtime/start-web-server';
import { testDatabaseUrl } from './test-database';
import type { DbKind } from '../../web/core/db-client';

export interface DemoApp {
  url: string;
  /** its database, for tests that set up what no admin route makes yet */
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startDemoApp(options: { locale?: string; kind?: DbKind } = {}): Promise<DemoApp> {
  const database = testDatabaseUrl(options.kind ?? 'sqlite');
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.url, LOG_LEVEL: 'warn', RUN_JOBS_IN_WEB: 'false' });
  const web = await startWebServer(config, createLogger(config.logLevel));
  return {
    url: web.url,
    databaseUrl: database.url,
    async close() {
      await web.close();
      await database.cleanup();
    },
  };
}
