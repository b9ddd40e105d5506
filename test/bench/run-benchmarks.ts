// `npm run bench [-- --only=ingest,crediting,outbox,proxy,report,orders,groups,group-stats,locations,expiry,bulk-fanout,onboarding,tag-sync] [--quick] [--members=N] [--groups]` (or `npm run bench -- orders`): runs the benchmarks on
// SQLite and PostgreSQL and prints a Markdown table with the machine, for docs/benchmarks.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DbKind } from '../../web/core/db-client';
import { postgresIsReachable } from '../support/postgres-availability';
import { openTestDatabase, testDatabaseUrl } from '../support/test-database';
import type { BenchResult } from './bench-result';
import { runCreditingBenchmark } from './crediting.bench';
import { runGroupStatisticsBenchmarks } from './group-statistics.bench';
import { runOnboardingBenchmarks } from './onboarding.bench';
import { runGroupReevaluationBenchmark } from './group-reevaluation.bench';
import { runOrderPipelineBenchmarks } from './order-pipeline.bench';
import { runPointsExpiryBenchmark } from './points-expiry.bench';
import { runWebhookIngestBenchmarks } from './webhook-ingest.bench';

type Suite = (kind: DbKind, quick: boolean) => Promise<BenchResult[]>;

/** Benchmarks contributed by other parts of the app, loaded when their file exists. */
function optionalSuite(file: string, exportName: string, call: (fn: (...args: never[]) => Promise<unknown>, kind: DbKind, quick: boolean) => Promise<BenchResult[]>): Suite | undefined {
  const full = path.join(__dirname, file);
  if (!fs.existsSync(full)) return undefined;
  return async (kind, quick) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fn = require(full)[exportName] as (...args: never[]) => Promise<unknown>;
    return call(fn, kind, quick);
  };
}

const suites: Record<string, Suite | undefined> = {
  ingest: async (kind, quick) => {
    const database = testDatabaseUrl(kind);
    try {
      return await runWebhookIngestBenchmarks({ kind, databaseUrl: database.url, durationMs: quick ? 3000 : 10_000 });
    } finally {
      await database.cleanup();
    }
  },
  crediting: async (kind, quick) => {
    const db = await openTestDatabase(kind);
    try {
      return [await runCreditingBenchmark(db, quick ? 20_000 : 100_000)];
    } finally {
      await db.drop();
    }
  },
  orders: async (kind, quick) => {
    const db = await openTestDatabase(kind);
    try {
      const groups = process.argv.includes('--groups');
      return await runOrderPipelineBenchmarks(db, quick
        ? { durationMs: 5000, fixedRate: 300, backlog: 20_000, flood: 10_000, groups }
        : { durationMs: 20_000, fixedRate: 500, backlog: 100_000, flood: 50_000, groups });
    } finally {
      await db.drop();
    }
  },
  // Full group re-evaluation: 1,000,000 members on PostgreSQL, 200,000 on SQLite (--quick: 200,000 / 50,000; --members=N overrides).
  groups: async (kind, quick) => {
    const db = await openTestDatabase(kind);
    const chosen = Number(process.argv.find((arg) => arg.startsWith('--members='))?.slice('--members='.length));
    const members = chosen > 0 ? chosen : kind === 'postgresql' ? (quick ? 200_000 : 1_000_000) : quick ? 50_000 : 200_000;
    try {
      return await runGroupReevaluationBenchmark(db, { members });
    } finally {
      await db.drop();
    }
  },
  // Group statistics, the members list filtered by a group, manual membership (groups admin).
  'group-stats': async (kind, quick) => {
    const db = await openTestDatabase(kind);
    try {
      return await runGroupStatisticsBenchmarks(db, { members: quick ? 20_000 : 100_000 });
    } finally {
      await db.drop();
    }
  },
  // Past-orders backfill and balance import (issue 17); `--orders=` / `--rows=` size them down on a busy machine.
  onboarding: async (kind, quick) => {
    const size = (flag: string, full: number) => Number(process.argv.find((arg) => arg.startsWith(`--${flag}=`))?.split('=')[1] ?? (quick ? full / 5 : full));
    return runOnboardingBenchmarks({ kind, orders: size('orders', 100_000), rows: size('rows', 100_000) });
  },
  outbox: optionalSuite('outbox-email.bench.ts', 'runOutboxEmailBenchmark', async (fn, kind, quick) => [
    (await (fn as (o: { kind: DbKind; messages: number }) => Promise<BenchResult>)({ kind, messages: quick ? 2000 : 10_000 })),
  ]),
  proxy: optionalSuite('app-proxy.bench.ts', 'runAppProxyBenchmarks', async (fn, kind) => (fn as (o: { kind: DbKind }) => Promise<BenchResult[]>)({ kind })),
  expiry: async (kind, quick) => {
    const db = await openTestDatabase(kind);
    try {
      // SQLite is the single-shop embedded database: a tenth of the ledger.
      const entries = (quick ? 100_000 : 1_000_000) / (kind === 'sqlite' ? 10 : 1);
      return [await runPointsExpiryBenchmark({ db, entries })];
    } finally {
      await db.drop();
    }
  },
  'bulk-fanout': optionalSuite('bulk-fanout.bench.ts', 'runBulkFanOutBenchmark', async (fn, kind, quick) => {
    const db = await openTestDatabase(kind);
    try {
      return await (fn as (d: typeof db, n: number) => Promise<BenchResult[]>)(db, quick ? 20_000 : 100_000);
    } finally {
      await db.drop();
    }
  }),
  // TAG_SYNC_CHANGES overrides the size (default 10,000; --quick 1,000).
  'tag-sync': optionalSuite('tag-sync.bench.ts', 'runTagSyncBenchmark', async (fn, kind, quick) => {
    const db = await openTestDatabase(kind);
    try {
      const changes = Number(process.env.TAG_SYNC_CHANGES ?? (quick ? 1000 : 10_000));
      return [await (fn as (db: Awaited<ReturnType<typeof openTestDatabase>>, o: { changes: number }) => Promise<BenchResult>)(db, { changes })];
    } finally {
      await db.drop();
    }
  }),
  report: optionalSuite('report.bench.ts', 'runReportBenchmarks', async (fn, kind, quick) =>
    (fn as (o: { kind: DbKind; rows: number }) => Promise<BenchResult[]>)({ kind, rows: quick ? 100_000 : 1_000_000 }),
  ),
  locations: optionalSuite('location-scope.bench.ts', 'runLocationScopeBenchmarks', async (fn, kind, quick) =>
    (fn as (o: { kind: DbKind; members: number }) => Promise<BenchResult[]>)({ kind, members: quick ? 10_000 : 100_000 }),
  ),
};

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const named = args.filter((arg) => !arg.startsWith('--'));
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',') ?? (named.length > 0 ? named : undefined);
  const kinds: DbKind[] = ['postgresql', 'sqlite'];
  if (!(await postgresIsReachable())) {
    console.error('PostgreSQL is not reachable: running SQLite only.');
    kinds.splice(0, 1);
  }
  const onlyDb = args.find((arg) => arg.startsWith('--db='))?.slice('--db='.length);
  if (onlyDb) kinds.splice(0, kinds.length, ...kinds.filter((kind) => kind === onlyDb));
  process.env.TEST_POSTGRES_AVAILABLE = kinds.includes('postgresql') ? '1' : '0';
  const rows: BenchResult[] = [];
  for (const [name, suite] of Object.entries(suites)) {
    if (!suite || (only && !only.includes(name))) continue;
    for (const kind of kinds) {
      console.error(`running ${name} on ${kind}…`);
      try {
        rows.push(...(await suite(kind, quick)));
      } catch (error) {
        rows.push({ name: `${name} [${kind}]`, value: Number.NaN, unit: '', detail: `FAILED: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  }
  const lines = [
    `Machine: ${machine()}. Date: ${new Date().toISOString().slice(0, 10)}.${quick ? ' (quick run)' : ''}`,
    '',
    '| benchmark | result | detail |',
    '|---|---|---|',
    ...rows.map((row) => `| ${row.name} | ${Number.isNaN(row.value) ? '—' : `${row.value} ${row.unit}`} | ${row.detail} |`),
  ];
  console.log(lines.join('\n'));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
