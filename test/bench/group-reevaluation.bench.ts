// Full re-evaluation of N members (and N orders) against 10 automatic groups plus a 3-tier ladder,
// set-based; the process' peak RSS; what the event-driven update adds to one order's transaction (a
// queued refresh task), and what the job process then spends on those tasks.
// Members and orders are seeded with one INSERT … SELECT each (generate_series / recursive CTE).
import { randomUUID } from 'node:crypto';
import type { DbKind } from '../../web/core/db-client';
import { writeTransaction } from '../../web/core/db-client';
import { reevaluateGroups } from '../../web/core/groups/reevaluate-groups';
import { enqueueMemberGroupRefresh } from '../../web/core/groups/enqueue-member-group-refresh';
import { executorOf, type GroupTx } from '../../web/core/groups/group-sql-dialect';
import { sqlClientOf } from '../../web/core/sql/sql-client';
import { sql } from '../../web/core/sql/sql-query';
import { createShop } from '../fixtures/factories';
import { runGroupRefreshTasks } from '../fixtures/group-facts';
import { seedGroupMembers } from '../fixtures/seed-group-members';
import type { TestDatabase } from '../support/test-database';
import type { BenchResult } from './bench-result';
import { createBenchGroups } from './bench-groups';

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

export async function runGroupReevaluationBenchmark(db: TestDatabase, options: { members: number; refreshes?: number }): Promise<BenchResult[]> {
  const kind: DbKind = db.kind;
  const now = new Date();
  const shop = await createShop(db.prisma, { ianaTimezone: 'Europe/Amsterdam' });
  const seedStart = performance.now();
  await seedGroupMembers(db, shop.id, { count: options.members, prefix: `b${randomUUID().slice(0, 6)}_`, now, orders: options.members, customerBase: 10_000_000 });
  if (kind === 'postgresql') await sqlClientOf(db).execute(sql`ANALYZE`);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const groups = await createBenchGroups(db.prisma, shop.id, { tiers: true });
  const size = options.members.toLocaleString('en');

  const firstStart = performance.now();
  const first = await reevaluateGroups(db, { shopId: shop.id, now });
  const firstSeconds = (performance.now() - firstStart) / 1000;
  const rssAfterFirst = peakRssMb();
  if (kind === 'postgresql') await sqlClientOf(db).execute(sql`ANALYZE`);
  const nextDay = new Date(now.getTime() + 86_400_000);
  const againStart = performance.now();
  const again = await reevaluateGroups(db, { shopId: shop.id, now: nextDay });
  const againSeconds = (performance.now() - againStart) / 1000;

  // Event-driven, what it adds to an order: the refresh task queued inside the order's transaction
  // (timed inside it; its commit is the order's). Then what the job process spends on those tasks: the
  // claim's tasks merged into one set-based refresh, and one task at a time (a quiet shop's lone order).
  // The two full runs leave millions of fresh rows to autovacuum; settled first, as a shop is between runs.
  if (kind === 'postgresql') {
    await sqlClientOf(db).execute(sql`VACUUM ANALYZE`);
    await sqlClientOf(db).execute(sql`CHECKPOINT`);
  }
  const sample = await sqlClientOf(db).query<{ id: string }>(sql`SELECT "id" FROM "Member" WHERE "shopId" = ${shop.id} ORDER BY "id" LIMIT ${options.refreshes ?? 500}`);
  const enqueueTimings: number[] = [];
  // The floor on this machine: a statement that does nothing, timed in the same transactions.
  const roundTripTimings: number[] = [];
  const queueRefresh = async (memberId: string, at: Date) => {
    const timed = async (tx: GroupTx) => {
      const before = performance.now();
      await executorOf(tx).query(sql`SELECT 1 AS "one"`);
      roundTripTimings.push(performance.now() - before);
      const started = performance.now();
      await enqueueMemberGroupRefresh(tx, shop.id, [memberId], 'order', at);
      enqueueTimings.push(performance.now() - started);
    };
    if (db.sql) await db.sql.transaction(timed);
    else await writeTransaction(db, timed);
  };
  for (const [i, member] of sample.entries()) await queueRefresh(member.id, new Date(nextDay.getTime() + i));
  const mergedStart = performance.now();
  const mergedCpu = process.cpuUsage();
  const merged = await runGroupRefreshTasks(db);
  const mergedCpuMs = (process.cpuUsage(mergedCpu).user + process.cpuUsage(mergedCpu).system) / 1000;
  const mergedMs = performance.now() - mergedStart;
  const aloneTimings: number[] = [];
  for (const [i, member] of sample.entries()) {
    await queueRefresh(member.id, new Date(nextDay.getTime() + sample.length + i));
    const started = performance.now();
    await runGroupRefreshTasks(db);
    aloneTimings.push(performance.now() - started);
  }
  enqueueTimings.sort((a, b) => a - b);
  roundTripTimings.sort((a, b) => a - b);
  aloneTimings.sort((a, b) => a - b);
  const rss = peakRssMb();
  return [
    {
      name: `full re-evaluation, ${size} members x ${groups} automatic groups, first run [${kind}]`, value: Number(firstSeconds.toFixed(1)), unit: 's',
      detail: `${first.joined.toLocaleString('en')} joins written with their history; ${size} members and ${size} orders seeded in ${seedSeconds.toFixed(0)} s; peak RSS ${rssAfterFirst} MB`,
    },
    {
      name: `full re-evaluation, ${size} members x ${groups} automatic groups, a day later [${kind}]`, value: Number(againSeconds.toFixed(1)), unit: 's',
      detail: `${again.joined.toLocaleString('en')} joins, ${again.left.toLocaleString('en')} leaves; peak RSS of the process ${rss} MB`,
    },
    {
      name: `event-driven update added to an order's transaction (refresh task queued), p99 [${kind}]`, value: Number(percentile(enqueueTimings, 0.99).toFixed(2)), unit: 'ms',
      detail: `p50 ${percentile(enqueueTimings, 0.5).toFixed(2)} ms over ${enqueueTimings.length} orders' transactions, ${groups} groups, a shop of ${size} members; an empty statement (SELECT 1) in the same transactions: p50 ${percentile(roundTripTimings, 0.5).toFixed(2)} ms, p99 ${percentile(roundTripTimings, 0.99).toFixed(2)} ms`,
    },
    {
      name: `refresh tasks run by the job process, ${sample.length} orders' tasks merged, per member [${kind}]`, value: Number((mergedMs / sample.length).toFixed(3)), unit: 'ms',
      detail: `${merged.done} tasks in ${mergedMs.toFixed(0)} ms; CPU of this process ${(mergedCpuMs / sample.length).toFixed(3)} ms per member (on PostgreSQL the rest is the database server's; SQLite runs in this process)`,
    },
    {
      name: `one refresh task alone (a lone order's members re-evaluated), p99 [${kind}]`, value: Number(percentile(aloneTimings, 0.99).toFixed(2)), unit: 'ms',
      detail: `p50 ${percentile(aloneTimings, 0.5).toFixed(2)} ms, claim to done, over ${aloneTimings.length} tasks`,
    },
  ];
}
