// Shared setup for the rewards tests: a shop in our database and in the simulator, members who are
// also simulator customers, points, rewards, and signed app-proxy requests.
import type { AppListener } from '../../../web/server/http/before-express';
import request from 'supertest';
import type { Prisma } from '../../../web/core/db-client';
import { appendPostedEntry } from '../../../web/core/ledger/append-posted-entry';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { createMember, createShop } from '../../fixtures/factories';
import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET, type TestApp } from '../../support/test-app';
import type { TestDatabase } from '../../support/test-database';

/** The simulator (a generous bucket: these tests are about our logic, throttling has its own tests), the app pointed at it, and one shop. */
export async function startRewardsTestbed(db: TestDatabase): Promise<{ sim: ShopifySimulator; testApp: TestApp; shop: { id: string; domain: string } }> {
  const sim = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, maximumAvailable: 100_000, restoreRate: 100_000 });
  sim.warmSchema();
  const testApp = createTestApp(db, { SHOPIFY_SIMULATOR_URL: sim.url });
  return { sim, testApp, shop: await createSimulatedShop(db.prisma, sim) };
}

export async function createSimulatedShop(prisma: Prisma, sim: ShopifySimulator, options: { issueLimit?: number } = {}) {
  const shop = await createShop(prisma, { currency: 'EUR' });
  sim.addShop(shop.domain, { name: 'Test Studio', currencyCode: 'EUR', ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'nl', giftCardIssueLimit: options.issueLimit ?? 500 });
  await saveOfflineSession(prisma, { shop: shop.domain, accessToken: sim.issueAccessToken(shop.domain), scope: null });
  return shop;
}

/** A member with `points` posted, who also exists as a customer in the simulated shop. */
export async function createMemberWithPoints(prisma: Prisma, sim: ShopifySimulator, shop: { id: string; domain: string }, points: number) {
  const member = await createMember(prisma, shop.id);
  const numericId = Number(member.shopifyCustomerId.split('/').pop());
  const stamp = new Date().toISOString();
  sim.shop(shop.domain).customers.push({
    id: numericId, firstName: 'Anna', lastName: 'de Vries', email: member.email, phone: null, locale: 'nl', tags: [], note: null,
    emailMarketingState: 'NOT_SUBSCRIBED', createdAt: stamp, updatedAt: stamp, metafields: [],
  });
  if (points > 0) {
    await prisma.$transaction((tx) => appendPostedEntry(tx, {
      shopId: shop.id, memberId: member.id, type: 'adjust', points, description: 'Welcome', sourceType: 'staff', sourceId: member.id, idempotencyKey: `seed:${member.id}`,
    }, { now: new Date(), allowNegative: false }));
  }
  return { ...member, customerNumericId: String(numericId) };
}

export async function createReward(prisma: Prisma, shopId: string, overrides: Partial<{ title: string; type: string; valueMinor: number; pointsCost: number; stockLimit: number | null; perCustomerLimit: number | null; expiresAfterDays: number | null }> = {}) {
  return prisma.giftCardReward.create({
    data: { shopId, title: overrides.title ?? '€10 gift card', type: overrides.type ?? 'gift_card', valueMinor: overrides.valueMinor ?? 1000, currency: 'EUR', pointsCost: overrides.pointsCost ?? 100,
      stockLimit: overrides.stockLimit ?? null, perCustomerLimit: overrides.perCustomerLimit ?? null, expiresAfterDays: overrides.expiresAfterDays ?? null },
  });
}

export function proxyRequest(app: AppListener, sim: ShopifySimulator, options: { method?: 'get' | 'post'; path: string; shop: string; customerId?: string; timestamp?: number; forge?: boolean; extra?: Record<string, string> }) {
  const signed = sim.signAppProxyQuery({
    shop: options.shop,
    logged_in_customer_id: options.customerId ?? '',
    path_prefix: '/apps/loyalty',
    timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    ...(options.extra ?? {}),
  });
  if (options.forge) signed.signature = signed.signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
  const query = new URLSearchParams(signed as Record<string, string>).toString();
  const url = `/proxy${options.path}?${query}`;
  return options.method === 'post' ? request(app).post(url) : request(app).get(url);
}
