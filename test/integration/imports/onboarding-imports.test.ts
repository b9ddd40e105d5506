// Onboarding a shop that already trades: its customers and past orders come from Shopify bulk
// operations (the simulator's JSONL), and the members and points must equal sums computed independently
// from the generated history; a rerun, an overlapping backfill and a crashed-and-resumed one credit
// nothing twice.
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { applyPastOrders, readPastOrders } from '../../../web/core/imports/backfill-past-orders';
import { findImportJob } from '../../../web/core/imports/import-job-store';
import { readLines } from '../../../web/core/imports/read-lines';
import { confirmPastOrders, startCustomerImport, startPastOrdersPreview } from '../../../web/core/imports/start-import';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { pastOrdersBulkQuery } from '../../../web/shopify-admin/bulk-operations';
import { failNextBulkOperation } from '../../simulator/bulk-operations';
import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { createShop } from '../../fixtures/factories';
import { seedShopHistory, type ShopHistoryExpectations } from '../../fixtures/shop-history';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

const FROM = new Date('2025-01-01T00:00:00Z');
const TO = new Date('2026-11-01T00:00:00Z');

describeEachDatabase('onboarding an existing shop from bulk operations', (getDb) => {
  let simulator: ShopifySimulator;
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  let expected: ShopHistoryExpectations;

  beforeAll(async () => {
    simulator = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
    const db = getDb();
    shop = await createShop(db.prisma);
    const state = simulator.addShop(shop.domain, { name: 'Salon Oost', currencyCode: 'EUR', ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'nl', giftCardIssueLimit: 500 });
    expected = seedShopHistory(state, { customers: 5000, orders: 20_000, from: FROM, to: TO });
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: simulator.issueAccessToken(shop.domain), scope: 'read_customers,read_orders' });
    testApp = createTestApp(db, { SHOPIFY_SIMULATOR_URL: simulator.url });
  }, 120_000);
  afterAll(async () => simulator.close());

  const runTasks = () => processDueTasks(testApp.jobContext(), { claimers: 1 });
  const sumsOf = async () => {
    const members = await getDb().prisma.member.findMany({ where: { shopId: shop.id }, select: { shopifyCustomerId: true, balance: true, pendingPoints: true, lifetimeSpendMinor: true, lastVisitAt: true } });
    return new Map(members.map((m) => [m.shopifyCustomerId, m]));
  };

  it('imports every customer as a member with Shopify lifetime spend and last order date', async () => {
    const job = await startCustomerImport(getDb(), shop.id, 'owner-1');
    await runTasks();
    const done = await findImportJob(getDb(), job.id);
    expect(done).toMatchObject({ status: 'completed', processed: 5000, total: 5000 });
    const members = await sumsOf();
    expect(members.size).toBe(5000);
    let checked = 0;
    for (const [gid, member] of members) {
      expect(Number(member.lifetimeSpendMinor)).toBe(expected.spendMinor.get(gid) ?? 0);
      expect(member.lastVisitAt?.toISOString().replace(/\.\d{3}Z$/, 'Z') ?? null).toBe(expected.lastOrderAt.get(gid) ?? null);
      checked += 1;
    }
    expect(checked).toBe(5000);
  }, 180_000);

  it('resumes a past-orders backfill that stopped after a committed batch, without crediting twice', async () => {
    // The first half of the range, stopped by a "crash" after its first committed batch.
    const middle = new Date('2025-12-01T00:00:00Z');
    const job = await startPastOrdersPreview(getDb(), shop.id, { from: FROM, to: middle }, 'owner-1');
    await runTasks();
    const previewed = await findImportJob(getDb(), job.id);
    expect(previewed?.status).toBe('preview_ready');
    const url = `${simulator.url}/bulk-operations/${shop.domain}/${previewed!.bulkOperationId!.split('/').pop()}.jsonl`;
    const body = (await fetch(url)).body!;
    const crash = new Error('worker killed');
    await expect(applyPastOrders(getDb(), shop.id, job.id, readPastOrders(readLines(body as unknown as AsyncIterable<Uint8Array>)), new Date(), {
      batchSize: 500, onBatch: () => { throw crash; },
    })).rejects.toBe(crash);
    const checkpoint = (await findImportJob(getDb(), job.id))!.processed;
    expect(checkpoint).toBeGreaterThan(0);
    // The task queue runs the step again: it continues after the checkpoint.
    await confirmPastOrders(getDb(), shop.id, job.id);
    await runTasks();
    expect((await findImportJob(getDb(), job.id))?.status).toBe('completed');
    expect(pastOrdersBulkQuery(FROM, middle)).toContain('processed_at');
  }, 180_000);

  it('previews, then credits past orders at the rules in force; the points equal the independent sum', async () => {
    const job = await startPastOrdersPreview(getDb(), shop.id, { from: FROM, to: TO }, 'owner-1');
    await runTasks();
    const previewed = await findImportJob(getDb(), job.id);
    expect(previewed?.status).toBe('preview_ready');
    const alreadyRecorded = previewed!.summary.alreadyRecorded!;
    expect(alreadyRecorded).toBeGreaterThan(0);
    expect(previewed!.summary.orders! + alreadyRecorded).toBe(expected.earningOrders);
    // Nothing is credited before the preview is confirmed.
    const before = await sumsOf();
    await confirmPastOrders(getDb(), shop.id, job.id);
    await runTasks();
    expect((await findImportJob(getDb(), job.id))?.status).toBe('completed');
    const members = await sumsOf();
    let total = 0;
    for (const [gid, member] of members) {
      expect(member.balance + member.pendingPoints).toBe(expected.points.get(gid) ?? 0);
      total += member.balance + member.pendingPoints;
    }
    expect(total).toBe(expected.totalPoints);
    // The preview promised what the run credited (for the orders it had not seen before).
    const creditedNow = [...members].reduce((sum, [gid, m]) => sum + m.balance + m.pendingPoints - ((before.get(gid)?.balance ?? 0) + (before.get(gid)?.pendingPoints ?? 0)), 0);
    expect(creditedNow).toBe(previewed!.summary.points);
    // Lifetime spend stays Shopify's figure: the backfill does not count the orders a second time.
    for (const [gid, member] of members) expect(Number(member.lifetimeSpendMinor)).toBe(expected.spendMinor.get(gid) ?? 0);
    expect((await findBalanceMismatches(getDb().prisma)).mismatches).toEqual([]);
  }, 300_000);

  it('credits nothing more when the backfill runs again over the same orders', async () => {
    const entriesBefore = await getDb().prisma.ledgerEntry.count({ where: { shopId: shop.id } });
    const job = await startPastOrdersPreview(getDb(), shop.id, { from: FROM, to: TO }, 'owner-1');
    await runTasks();
    const previewed = await findImportJob(getDb(), job.id);
    expect(previewed?.summary).toMatchObject({ orders: 0, points: 0, alreadyRecorded: expected.earningOrders });
    await confirmPastOrders(getDb(), shop.id, job.id);
    await runTasks();
    expect(await getDb().prisma.ledgerEntry.count({ where: { shopId: shop.id } })).toBe(entriesBefore);
  }, 300_000);

  it('ends the job as failed with Shopify\'s error code when the bulk operation fails', async () => {
    failNextBulkOperation(simulator.shop(shop.domain), 'ACCESS_DENIED');
    const job = await startCustomerImport(getDb(), shop.id, 'owner-1');
    await runTasks();
    const failed = await findImportJob(getDb(), job.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.lastError).toContain('ACCESS_DENIED');
  }, 60_000);
});
