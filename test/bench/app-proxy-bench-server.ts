// Child process for the app-proxy benchmark: the real app (createApp + runtime) on the database in
// argv[2], talking to the Shopify simulator at argv[3]. Prints {"port": n} when listening.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../web/server/app';
import { loadConfig } from '../../web/runtime/config';
import { createLogger } from '../../web/runtime/logger';
import { createRuntime } from '../../web/runtime/runtime';

export const PROXY_BENCH_API_SECRET = 'bench-api-secret-0123456789';

async function main(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: process.argv[2],
    SHOPIFY_SIMULATOR_URL: process.argv[3],
    SHOPIFY_API_KEY: 'bench-api-key',
    SHOPIFY_API_SECRET: PROXY_BENCH_API_SECRET,
    SHOPIFY_APP_URL: 'https://bench.test',
    LOG_LEVEL: 'silent',
    DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '10',
  });
  const logger = createLogger(config.logLevel);
  const runtime = await createRuntime(config, logger);
  const app = createApp({ config, db: runtime.db, shopify: runtime.shopify, installer: runtime.installer, logger, admin: runtime.admin });
  const server = createServer(app).listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
  server.keepAliveTimeout = 60_000;
  process.on('SIGINT', () => process.exit(0));
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
