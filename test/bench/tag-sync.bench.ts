// Tag sync at volume: N members join a discount group at once and their Shopify customer tags are pushed
// to the simulator through the durable tasks (sync-member-tags), within the simulator's cost limits
// (a bucket of 1,000 points refilled at 100 points/s, Shopify's standard plan; each tagsAdd costs 10).
// The pacing must keep every request within the bucket: the bench reports the THROTTLED answers (0
// expected), the wall time and the floor the cost limit sets (N × 10 points ÷ restore rate).
import { randomUUID } from 'node:crypto';
import type { DbKind } from '../../web/core/db-client';
import { enqueueMemberTagSync } from '../../web/core/groups/enqueue-group-sync';
import { processDueTasks } from '../../web/runtime/process-due-tasks';
import { saveOfflineSession } from '../../web/server/auth/offline-session-store';
import { createShop } from '../fixtures/factories';
import { startShopifySimulator } from '../simulator';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../support/test-app';
import type { TestDatabase } from '../support/test-database';
import type { BenchResult } from './bench-result';

export interface TagSyncBenchOptions {
  changes: number;
  maximumAvailable?: number;
  restoreRate?: number;
}

export async function runTagSyncBenchmark(db: TestDatabase & { kind: DbKind }, options: TagSyncBenchOptions): Promise<BenchResult> {
  const maximumAvailable = options.maximumAvailable ?? 1000;
  const restoreRate = options.restoreRate ?? 100;
  const sim = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, maximumAvailable, restoreRate });
  try {
    sim.warmSchema();
    const testApp = createTestApp(db, { SHOPIFY_SIMULATOR_URL: sim.url, LOG_LEVEL: 'silent' });
    const shop = await createShop(db.prisma, { currency: 'EUR' });
    const simShop = sim.addShop(shop.domain, { name: 'Bench Studio', currencyCode: 'EUR', ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'nl', giftCardIssueLimit: 500 });
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: sim.issueAccessToken(shop.domain), scope: null });
    const stamp = new Date().toISOString();
    const members = Array.from({ length: options.changes }, (_, i) => ({ id: randomUUID(), shopId: shop.id, shopifyCustomerId: `gid://shopify/Customer/${500_000 + i}`, email: `bench${i}@example.com` }));
    for (let i = 0; i < members.length; i += 1000) await db.prisma.member.createMany({ data: members.slice(i, i + 1000) });
    simShop.customers.push(...members.map((_, i) => ({
      id: 500_000 + i, firstName: 'Bench', lastName: null, email: `bench${i}@example.com`, phone: null, locale: 'nl', tags: ['regular'], note: null,
      emailMarketingState: 'NOT_SUBSCRIBED' as const, createdAt: stamp, updatedAt: stamp, metafields: [],
    })));
    const gold = await db.prisma.customerGroup.create({ data: { shopId: shop.id, name: 'Gold', kind: 'manual', benefitKind: 'discount', benefitDiscountPercent: 20 } });
    const joined = new Date();
    for (let i = 0; i < members.length; i += 1000) {
      await db.prisma.groupMember.createMany({ data: members.slice(i, i + 1000).map((m) => ({ groupId: gold.id, memberId: m.id, shopId: shop.id, source: 'manual', joinedAt: joined })) });
    }
    await enqueueMemberTagSync(db, { shopDomain: shop.domain, shopId: shop.id, memberIds: members.map((m) => m.id) });

    const started = performance.now();
    for (let round = 0; round < 1000; round += 1) {
      const open = await db.prisma.task.count({ where: { shopDomain: shop.domain, status: { in: ['queued', 'running'] } } });
      if (open === 0) break;
      // Far enough ahead that a retry's backoff never holds the bench up (none is expected).
      await processDueTasks(testApp.jobContext(() => new Date(Date.now() + round * 3_600_000)));
    }
    const seconds = (performance.now() - started) / 1000;
    const requests = sim.requests.filter((r) => r.shop === shop.domain);
    const throttled = requests.filter((r) => r.outcome === 'throttled').length;
    const failedTasks = await db.prisma.task.count({ where: { shopDomain: shop.domain, status: 'failed' } });
    const tagged = simShop.customers.filter((c) => c.tags.includes('loyalty-gold') && c.tags.filter((t) => t === 'loyalty-gold').length === 1).length;
    const floor = (options.changes * 10 - maximumAvailable) / restoreRate;
    return {
      name: `push ${options.changes.toLocaleString('en')} tag changes to the simulator [${db.kind}]`,
      value: Number(seconds.toFixed(1)),
      unit: 's',
      detail: `${tagged.toLocaleString('en')} customers tagged once; ${requests.length} requests, ${throttled} THROTTLED, ${failedTasks} failed tasks; `
        + `bucket ${maximumAvailable} points at ${restoreRate}/s: the cost floor is ${Math.max(0, floor).toFixed(0)} s`,
    };
  } finally {
    await sim.close();
  }
}
