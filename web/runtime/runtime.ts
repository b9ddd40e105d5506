// What both the web and the job processes need: config, logger, database, Shopify clients.
import { createShopInstaller, type ShopInstaller } from '../server/auth/shop-installer';
import type { AppConfig } from './config';
import { createDatabase, type Database } from '../server/db/create-database';
import { migrateDatabase } from '../server/db/migrate';
import type { Logger } from './logger';
import { createShopifyApi, type ShopifyApi } from '../server/shopify';
import { AdminGraphqlClient } from '../shopify-admin/admin-graphql-client';

export interface Runtime {
  config: AppConfig;
  logger: Logger;
  db: Database;
  shopify: ShopifyApi;
  admin: AdminGraphqlClient;
  installer: ShopInstaller;
  close(): Promise<void>;
}

export async function createRuntime(config: AppConfig, logger: Logger, options: { migrate?: boolean } = {}): Promise<Runtime> {
  if (options.migrate ?? true) {
    const result = await migrateDatabase(config.database.url);
    if (result.applied.length > 0) logger.info({ applied: result.applied }, 'database migrated');
  }
  const db = createDatabase(config.database.url, { poolSize: config.database.poolSize, log: logger });
  const shopify = createShopifyApi(config, logger);
  const admin = new AdminGraphqlClient({ apiVersion: config.shopify.apiVersion, simulatorUrl: config.shopify.simulatorUrl });
  const installer = createShopInstaller({ prisma: db.prisma, shopify, admin, logger });
  return { config, logger, db, shopify, admin, installer, close: () => db.close() };
}
