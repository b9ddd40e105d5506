// Child process for the ingest benchmark: the real app's /webhooks and a bare Express endpoint,
// side by side in one process, on the database given as argv[2].
import { createServer, type RequestListener } from 'node:http';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../web/server/app';
import { loadConfig } from '../../web/runtime/config';
import { createLogger } from '../../web/runtime/logger';
import { createRuntime } from '../../web/runtime/runtime';

export const BENCH_API_SECRET = 'bench-api-secret-0123456789';

async function main(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: process.argv[2],
    SHOPIFY_API_KEY: 'bench-api-key',
    SHOPIFY_API_SECRET: BENCH_API_SECRET,
    SHOPIFY_APP_URL: 'https://bench.test',
    LOG_LEVEL: 'silent',
  });
  const logger = createLogger(config.logLevel);
  const runtime = await createRuntime(config, logger);
  const app = createApp({ config, db: runtime.db, shopify: runtime.shopify, installer: runtime.installer, logger });
  const bare = express();
  bare.post('/bare', express.raw({ type: () => true, limit: '1mb' }), (_req, res) => {
    res.status(200).json({ ok: true });
  });
  const listen = (handler: RequestListener) =>
    new Promise<number>((resolve) => {
      const server = createServer(handler).listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const [appPort, barePort] = await Promise.all([listen(app), listen(bare)]);
  process.stdout.write(`${JSON.stringify({ appPort, barePort })}\n`);
  process.on('SIGINT', () => process.exit(0));
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
