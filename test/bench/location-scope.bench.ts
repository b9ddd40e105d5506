// What limiting a staff user to locations costs (web/core/members/visible-members.ts): the members list,
// a member search and the report page for an unlimited user and for users limited to a big and to a
// small location, plus the per-location figures of 30 days. Seeds set-based: members, their orders
// (location by member: 60% / 39% / 1% of members over three locations, a few with no location) and
// ledger rows (seedReportRows, then each entry moved to its member's location).
// Run: npm run bench -- --only=locations [--quick]   or   npx tsx test/bench/location-scope.bench.ts --kind postgresql --members 100000
import type { Db } from '../../web/core/db-client';
import { EVERY_MEMBER, type MemberScope } from '../../web/core/members/visible-members';
import { searchMembers } from '../../web/core/members/search-members';
import { locationFigures } from '../../web/core/reports/location-figures';
import { reportPage } from '../../web/core/reports/points-report';
import { openTestDatabase } from '../support/test-database';
import type { BenchResult } from './bench-result';
import { seedReportRows } from './report.bench';

const BIG = 'gid://shopify/Location/1';
const OTHER = 'gid://shopify/Location/2';
const SMALL = 'gid://shopify/Location/3';

/** The location of member number n: 1% small, 39% other, 60% big (no location for every 50th: online only). */
function locationSql(n: string): string {
  return `CASE WHEN ${n} % 50 = 0 THEN NULL WHEN ${n} % 100 = 1 THEN '${SMALL}' WHEN ${n} % 100 < 41 THEN '${OTHER}' ELSE '${BIG}' END`;
}

async function seed(db: Db, shopId: string, members: number, now: Date): Promise<void> {
  const pg = db.kind === 'postgresql';
  const p = (i: number) => (pg ? `$${i}` : '?');
  const series = (n: number) => (pg ? `SELECT generate_series(1, ${n}) AS n` : `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${n}) SELECT n FROM s`);
  await seedReportRows(db, { shopId, rows: members * 10, members, now });
  // entries come from orders and follow their member's location (ids 'bm<n>'); adjustments have neither
  const memberNumber = `CAST(substr("memberId", 3) AS INTEGER)`;
  await db.prisma.$executeRawUnsafe(`UPDATE "LedgerEntry" SET "locationId" = ${locationSql(memberNumber)}, "orderId" = 'gid://shopify/Order/' || "sourceId" WHERE "shopId" = ${p(1)} AND "sourceType" <> 'staff'`, shopId);
  await db.prisma.$executeRawUnsafe(`UPDATE "LedgerEntry" SET "locationId" = NULL WHERE "shopId" = ${p(1)} AND "sourceType" = 'staff'`, shopId);
  // three orders per member
  const processedAt = pg ? `${p(2)}::timestamp - (n * interval '97 seconds')` : `${p(2)} - n * 97000`;
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "OrderRecord" ("id", "shopId", "shopifyOrderId", "memberId", "name", "currency", "eligibleMinor", "financialStatus", "locationId", "processedAt", "shopifyUpdatedAt", "createdAt")
     SELECT 'bo' || n, ${p(1)}, 'gid://shopify/Order/' || n, 'bm' || (((n - 1) % ${members}) + 1), '#' || n, 'EUR', 1000 + n % 9000, 'paid',
            ${locationSql(`(((n - 1) % ${members}) + 1)`)}, at, at, at
     FROM (SELECT n, ${processedAt} AS at FROM (${series(members * 3)}) s0) s`,
    shopId, pg ? now : now.getTime(),
  );
  await db.prisma.$executeRawUnsafe('ANALYZE');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
}

async function timed(times: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export async function runLocationScopeBenchmarks(options: { kind: 'sqlite' | 'postgresql'; members: number }): Promise<BenchResult[]> {
  const db = await openTestDatabase(options.kind);
  const results: BenchResult[] = [];
  try {
    const shop = await db.prisma.shop.create({ data: { domain: `bench-loc-${Date.now()}.myshopify.com`, name: 'Bench', currency: 'EUR', ianaTimezone: 'Europe/Amsterdam' } });
    const now = new Date();
    const seedStart = performance.now();
    await seed(db, shop.id, options.members, now);
    const size = `${options.members} members, ${options.members * 3} orders, ${options.members * 10} entries`;
    results.push({ name: `locations: seed (${options.kind})`, value: Math.round(performance.now() - seedStart), unit: 'ms', detail: size });
    const scopes: Array<[string, MemberScope]> = [['unlimited', EVERY_MEMBER], ['limited to the big location (60%)', { locationIds: [BIG] }], ['limited to the small location (1%)', { locationIds: [SMALL] }]];
    for (const [label, scope] of scopes) {
      const list = await timed(7, () => searchMembers(db, shop.id, { limit: 25 }, scope));
      results.push({ name: `locations: members list, ${label} (${options.kind})`, value: list, unit: 'ms', detail: `first page of 25, median of 7; ${size}` });
      const search = await timed(7, () => searchMembers(db, shop.id, { query: 'No 4', limit: 25 }, scope));
      results.push({ name: `locations: member search "No 4", ${label} (${options.kind})`, value: search, unit: 'ms', detail: 'median of 7' });
      const filters = { from: new Date(now.getTime() - 30 * 86_400_000), to: new Date(now.getTime() + 1), type: 'earn', ...(scope.locationIds ? { scope } : {}) };
      const report = await timed(7, () => reportPage(db, shop.id, filters, { field: 'createdAt', order: 'desc' }, { page: 1, pageSize: 50 }));
      results.push({ name: `locations: report page + totals, ${label} (${options.kind})`, value: report, unit: 'ms', detail: 'type=earn, last 30 days, median of 7' });
    }
    const figures = await timed(5, () => locationFigures(db, shop.id, { from: new Date(now.getTime() - 30 * 86_400_000), to: new Date(now.getTime() + 1) }, EVERY_MEMBER));
    results.push({ name: `locations: per-location figures, 30 days (${options.kind})`, value: figures, unit: 'ms', detail: `median of 5; ${size}` });
  } finally {
    await db.drop();
  }
  return results;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const arg = (name: string, fallback: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1]! : fallback;
  };
  runLocationScopeBenchmarks({ kind: arg('kind', 'sqlite') as 'sqlite' | 'postgresql', members: Number(arg('members', '10000')) })
    .then((results) => {
      for (const r of results) console.log(`${r.name}: ${r.value} ${r.unit} — ${r.detail}`);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
