// Demo mode: a local Shopify simulator with a seeded demo shop, installed into the app exactly as a real
// shop would be (session token -> token exchange -> shop details -> catalogue), and its customers and
// orders replayed as signed webhooks through the real pipeline.
import { startShopifySimulator, type ShopifySimulator } from '../../../test/simulator';
import { DEMO_SHOP_DOMAIN, type AppConfig } from '../../runtime/config';
import { postDueCredits } from '../../core/ledger/post-due-credits';
import { createReward, rewardInputSchema } from '../../core/redemption/reward-store';
import { deleteSessionsOfShop } from '../auth/offline-session-store';
import { syncShopCatalog } from '../catalog/sync-shop-catalog';
import { syncShopLocations } from '../locations/sync-shop-locations';
import type { Runtime } from '../../runtime/runtime';
import { processDueTasks } from '../../runtime/process-due-tasks';
import { customerWebhookPayload, orderWebhookPayload } from '../../../test/simulator';
import { sqlClientOf } from '../../core/sql/sql-client';
import { sql } from '../../core/sql/sql-query';

export interface DemoEnvironment {
  simulator: ShopifySimulator;
  simulatorUrl: string;
  close(): Promise<void>;
}

export async function startDemoEnvironment(config: AppConfig): Promise<DemoEnvironment> {
  const simulator = await startShopifySimulator({ apiKey: config.shopify.apiKey, apiSecret: config.shopify.apiSecret });
  simulator.seedDemoShop(DEMO_SHOP_DOMAIN);
  return { simulator, simulatorUrl: simulator.url, close: () => simulator.close() };
}

/** Installs the demo shop and, the first time, fills it with the simulator's customers and orders. */
export async function seedDemoData(runtime: Runtime, demo: DemoEnvironment, appUrl: string): Promise<{ orders: number; customers: number }> {
  const { db, logger, installer } = runtime;
  const { simulator } = demo;
  // The simulator is new on every start, so the stored access token is stale: install afresh.
  await deleteSessionsOfShop(db.prisma, DEMO_SHOP_DOMAIN);
  const { shopId } = await installer.ensureInstalled(DEMO_SHOP_DOMAIN, simulator.mintSessionToken({ shop: DEMO_SHOP_DOMAIN }));
  await syncShopCatalog(db, runtime.admin, DEMO_SHOP_DOMAIN);
  await syncShopLocations(db, runtime.admin, DEMO_SHOP_DOMAIN);
  if ((await db.prisma.orderRecord.count({ where: { shopId } })) > 0) return { orders: 0, customers: 0 };

  simulator.setAppUrl(appUrl);
  const state = simulator.shop(DEMO_SHOP_DOMAIN);
  for (const customer of state.customers) {
    await simulator.sendWebhook({ shop: DEMO_SHOP_DOMAIN, topic: 'customers/create', payload: customerWebhookPayload(customer) });
  }
  for (const order of [...state.orders].sort((a, b) => a.processedAt.localeCompare(b.processedAt))) {
    const payload = orderWebhookPayload(order, state);
    const topic = order.cancelledAt ? 'orders/cancelled' : order.financialStatus === 'pending' ? 'orders/create' : 'orders/paid';
    await simulator.sendWebhook({ shop: DEMO_SHOP_DOMAIN, topic, payload });
  }
  const context = { runtime, now: () => new Date(), workerId: 'demo-seed' };
  const processed = await processDueTasks(context, { batchSize: 100, maxBatches: 1000 });
  const credited = await postDueCredits(db, { now: new Date() });
  await backdateDemoHistory(runtime, shopId);
  await addSampleRewards(runtime, shopId);
  logger.info({ customers: state.customers.length, orders: state.orders.length, ...processed, credited: credited.posted }, 'demo shop seeded');
  return { orders: state.orders.length, customers: state.customers.length };
}

/** Two gift cards at 10 cents a point, so the demo shows rewards, a point value and a liability in money. */
async function addSampleRewards(runtime: Runtime, shopId: string): Promise<void> {
  const shop = await runtime.db.prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { currency: true } });
  const samples = [
    { title: '€10 gift card', valueMinor: 1000, pointsCost: 100 },
    { title: '€20 gift card', valueMinor: 2000, pointsCost: 200 },
  ];
  for (const sample of samples) {
    const title = shop.currency === 'EUR' ? sample.title : `${sample.valueMinor / 100} ${shop.currency} gift card`;
    await createReward(runtime.db, shopId, rewardInputSchema.parse({ ...sample, title, currency: shop.currency }), shop.currency, null);
  }
}

/**
 * The demo's orders span 90 days but are replayed in a few seconds: date their ledger entries as if the
 * webhooks had arrived when the orders were placed (and credits posted when they became due), so the
 * dashboard's chart and the report's date filters show a real history. Demo data only.
 */
async function backdateDemoHistory(runtime: Runtime, shopId: string): Promise<void> {
  await sqlClientOf(runtime.db).execute(sql`
    UPDATE "LedgerEntry" SET
      "createdAt" = COALESCE((SELECT o."processedAt" FROM "OrderRecord" o WHERE o."shopId" = "LedgerEntry"."shopId" AND o."shopifyOrderId" = "LedgerEntry"."orderId"), "createdAt"),
      "postedAt" = CASE WHEN "status" = 'posted' AND "availableAt" IS NOT NULL THEN "availableAt" ELSE "postedAt" END
    WHERE "shopId" = ${shopId} AND "orderId" IS NOT NULL`);
}
