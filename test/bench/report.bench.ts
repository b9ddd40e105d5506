// Points report benchmark: seeds N ledger rows set-based, then measures a filtered report page (with
// its totals) and the CSV and .xlsx exports of the whole set. Each export runs in a child process so
// its peak RSS (process.resourceUsage().maxRSS) is the export's alone.
// Run: npx tsx test/bench/report.bench.ts --kind postgresql --rows 1000000
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '../../web/core/db-client';
import { reportPage } from '../../web/core/reports/points-report';
import { openTestDatabase } from '../support/test-database';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  detail: string;
}

const run = promisify(execFile);

/** Members, then rows: 70% posted earns, 10% pending, 5% each redeem / adjust / expire / voided, spread over a year. */
export async function seedReportRows(db: Db, options: { shopId: string; rows: number; members: number; now: Date }): Promise<void> {
  const { shopId, rows, members, now } = options;
  const pg = db.kind === 'postgresql';
  const series = (n: number) => (pg ? `SELECT generate_series(1, ${n}) AS n` : `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${n}) SELECT n FROM s`);
  const p = (i: number) => (pg ? `$${i}` : '?');
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "firstName", "lastName", "email", "balance", "pendingPoints", "lifetimeSpendMinor", "createdAt", "updatedAt")
     SELECT 'bm' || n, ${p(1)}, 'gid://shopify/Customer/' || n, 'Member', 'No ' || n, 'member' || n || '@example.com', 1000, 0, 0, ${p(2)}, ${p(3)} FROM (${series(members)}) s`,
    shopId, now, now,
  );
  const kind = (n: string) => `CASE WHEN ${n} % 20 < 14 THEN 'earn' WHEN ${n} % 20 < 16 THEN 'earn' WHEN ${n} % 20 = 16 THEN 'redeem' WHEN ${n} % 20 = 17 THEN 'adjust' WHEN ${n} % 20 = 18 THEN 'expire' ELSE 'earn' END`;
  const status = (n: string) => `CASE WHEN ${n} % 20 IN (14, 15) THEN 'pending' WHEN ${n} % 20 = 19 THEN 'voided' ELSE 'posted' END`;
  const points = (n: string) => `CASE WHEN ${n} % 20 IN (16, 18) THEN -25 ELSE 10 + ${n} % 90 END`;
  const description = (n: string) => `CASE WHEN ${n} % 1000 = 0 THEN '=cmd()' ELSE 'Haircut (#' || ${n} || ')' END`;
  // createdAt: spread over the last 365 days, a row every ~31 s.
  const createdAt = pg ? `${p(2)}::timestamp - (n * interval '31 seconds')` : `${p(2)} - n * 31000`;
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "LedgerEntry" ("id", "shopId", "memberId", "type", "status", "points", "description", "sourceType", "sourceId", "staffUserId", "locationId", "idempotencyKey", "postedAt", "createdAt")
     SELECT 'be' || n, ${p(1)}, 'bm' || (((n - 1) % ${members}) + 1), ${kind('n')}, ${status('n')}, ${points('n')}, ${description('n')},
            CASE WHEN n % 20 = 17 THEN 'staff' ELSE 'line_item' END, 'src' || n,
            CASE WHEN n % 20 = 17 THEN '7' ELSE NULL END, 'gid://shopify/Location/' || (n % 3), 'bench:' || n, NULL, ${createdAt}
     FROM (${series(rows)}) s`,
    shopId, pg ? now : now.getTime(),
  );
  await db.prisma.$executeRawUnsafe(pg ? 'ANALYZE' : 'ANALYZE');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface ExportRun { ms: number; cpuMs: number; rows: number; bytes: number; maxRssMb: number; rssByQuarterMb: number[] }

async function runExportChild(url: string, shopId: string, format: 'csv' | 'xlsx'): Promise<ExportRun> {
  const child = path.join(__dirname, 'report-export-child.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, url, shopId, format], { maxBuffer: 1024 * 1024, cwd: path.resolve(__dirname, '../..') });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ExportRun;
}

export async function runReportBenchmarks(options: { kind: 'sqlite' | 'postgresql'; rows: number }): Promise<BenchResult[]> {
  const db = await openTestDatabase(options.kind);
  const results: BenchResult[] = [];
  try {
    const shop = await db.prisma.shop.create({ data: { domain: `bench-${Date.now()}.myshopify.com`, name: 'Bench', currency: 'EUR', ianaTimezone: 'Europe/Amsterdam' } });
    const now = new Date();
    const seedStart = performance.now();
    await seedReportRows(db, { shopId: shop.id, rows: options.rows, members: Math.max(100, Math.floor(options.rows / 100)), now });
    const seedMs = performance.now() - seedStart;
    results.push({ name: `report: seed ${options.rows} ledger rows (${options.kind})`, value: Math.round(seedMs), unit: 'ms', detail: 'set-based INSERT … SELECT' });

    // A typical filtered page: last 30 days of earned points, newest first, with the totals of the set.
    const filters = { from: new Date(now.getTime() - 30 * 86_400_000), to: new Date(now.getTime() + 1), type: 'earn' };
    const sort = { field: 'createdAt', order: 'desc' } as const;
    let total = 0;
    await reportPage(db, shop.id, filters, sort, { page: 1, pageSize: 50 });
    const times: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const start = performance.now();
      const page = await reportPage(db, shop.id, filters, sort, { page: 1 + i, pageSize: 50 });
      times.push(performance.now() - start);
      total = page.total;
    }
    results.push({ name: `report: filtered page + totals (${options.kind}, ${options.rows} rows)`, value: Math.round(median(times) * 10) / 10, unit: 'ms', detail: `median of 7, pages 1-7 of ${total} matching rows (type=earn, last 30 days); target ≤ 100 ms` });

    const memberFilter = { memberId: 'bm42' };
    const memberTimes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const start = performance.now();
      await reportPage(db, shop.id, memberFilter, sort, { page: 1, pageSize: 50 });
      memberTimes.push(performance.now() - start);
    }
    results.push({ name: `report: one member's page + totals (${options.kind}, ${options.rows} rows)`, value: Math.round(median(memberTimes) * 10) / 10, unit: 'ms', detail: 'median of 5' });

    for (const [format, targetMs] of [['csv', 10_000], ['xlsx', 60_000]] as const) {
      const done = await runExportChild(db.url, shop.id, format);
      results.push({ name: `report: ${format} export of all rows (${options.kind})`, value: Math.round(done.ms), unit: 'ms', detail: `${done.rows} rows, ${(done.bytes / 1e6).toFixed(1)} MB, ${(done.cpuMs / 1000).toFixed(1)} s CPU; target ≤ ${targetMs / 1000} s` });
      results.push({ name: `report: ${format} export peak RSS (${options.kind})`, value: done.maxRssMb, unit: 'MB', detail: `child process maxRSS (peak per quarter of the run: ${done.rssByQuarterMb.join(' / ')} MB); target ≤ 300 MB` });
    }
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
  const kind = arg('kind', 'sqlite') as 'sqlite' | 'postgresql';
  runReportBenchmarks({ kind, rows: Number(arg('rows', '100000')) })
    .then((results) => {
      for (const r of results) console.log(`${r.name}: ${r.value} ${r.unit} — ${r.detail}`);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
