// Builds the real Express app around a test database, configured as in demo mode (no real Shopify).
import type { AppListener } from '../../web/server/http/before-express';
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../web/server/app';
import { createShopInstaller } from '../../web/server/auth/shop-installer';
import { loadConfig, type AppConfig } from '../../web/runtime/config';
import { createLogger } from '../../web/runtime/logger';
import { createShopifyApi } from '../../web/server/shopify';
import { AdminGraphqlClient } from '../../web/shopify-admin/admin-graphql-client';
import type { Runtime } from '../../web/runtime/runtime';
import type { JobContext } from '../../web/runtime/job';
import type { TestDatabase } from './test-database';

export const TEST_API_KEY = 'test-api-key';
export const TEST_API_SECRET = 'test-api-secret-0123456789';

export interface TestApp {
  app: AppListener;
  config: AppConfig;
  runtime: Runtime;
  jobContext(now?: () => Date): JobContext;
}

export function createTestApp(db: TestDatabase, env: Record<string, string> = {}): TestApp {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    SHOPIFY_API_KEY: TEST_API_KEY,
    SHOPIFY_API_SECRET: TEST_API_SECRET,
    SHOPIFY_APP_URL: 'https://loyalty.test',
    SHOPIFY_SIMULATOR_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const logger = createLogger(config.logLevel);
  const shopify = createShopifyApi(config, logger);
  const admin = new AdminGraphqlClient({ apiVersion: config.shopify.apiVersion, simulatorUrl: config.shopify.simulatorUrl, maxAttempts: 2, sleep: async () => undefined });
  const installer = createShopInstaller({ prisma: db.prisma, shopify, admin, logger });
  const runtime: Runtime = { config, logger, db: db.database, shopify, admin, installer, close: async () => undefined };
  const app = createApp({ config, db, shopify, installer, logger });
  return {
    app,
    config,
    runtime,
    jobContext: (now = () => new Date()) => ({ runtime, now, workerId: `test-${randomUUID().slice(0, 8)}` }),
  };
}

export function webhookHmac(body: string, secret = TEST_API_SECRET): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

/** `payload` is sent as JSON.stringify makes it; `rawBody` as is (Shopify's bare 64-bit integers need the text). */
export function postWebhook(app: AppListener, options: { shop: string; topic: string; payload?: unknown; rawBody?: string; webhookId?: string; secret?: string; hmac?: string }) {
  const body = options.rawBody ?? JSON.stringify(options.payload);
  return request(app)
    .post('/webhooks')
    .set('Content-Type', 'application/json')
    .set('X-Shopify-Topic', options.topic)
    .set('X-Shopify-Shop-Domain', options.shop)
    .set('X-Shopify-Webhook-Id', options.webhookId ?? randomUUID())
    .set('X-Shopify-API-Version', '2026-07')
    .set('X-Shopify-Triggered-At', new Date().toISOString())
    .set('X-Shopify-Hmac-Sha256', options.hmac ?? webhookHmac(body, options.secret))
    .send(body);
}
