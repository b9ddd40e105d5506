// Full re-evaluation of N members (and N orders) against 10 automatic groups plus a 3-tier ladder,
// set-based; the process' peak RSS; and what the event-driven refresh adds to one order's transaction.
// Members and orders are seeded with one INSERT … SELECT each (generate_series / recursive CTE).
import { randomUUID } from 'node:crypto';
import type { DbKind } from '../../web/core/db-client';
import { writeTransaction } from '../../web/core/db-client';
import { reevaluateGroups } from '../../web/core/groups/reevaluate-groups';
import { refreshMemberGroups } from '../../web/core/groups/refresh-member-groups';
import { sqlClientOf } from '../../web/core/sql/sql-client';
import { sql } from '../../web/core/sql/sql-query';
import { createShop } from '../fixtures/factories';
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

  // Event-driven: one member's refresh inside a write transaction, as an order batch of one does it; the
  // members are refreshed twice, and the second round (their groups already current, as for a
  // returning customer's order) is the one reported.
  const sample = await sqlClientOf(db).query<{ id: string }>(sql`SELECT "id" FROM "Member" WHERE "shopId" = ${shop.id} ORDER BY "id" LIMIT ${options.refreshes ?? 300}`);
  const timings: number[] = [];
  for (const [i, member] of [...sample, ...sample].entries()) {
    if (i === sample.length) timings.length = 0;
    const at = new Date(nextDay.getTime() + i);
    // Timed inside the transaction: what the refresh adds to an order's transaction (its commit is the order's).
    const timed = async (refresh: () => Promise<unknown>) => {
      const started = performance.now();
      await refresh();
      timings.push(performance.now() - started);
    };
    if (db.sql) await db.sql.transaction((tx) => timed(() => refreshMemberGroups(tx, shop.id, [member.id], 'order', at)));
    else await writeTransaction(db, (tx) => timed(() => refreshMemberGroups(tx, shop.id, [member.id], 'order', at)));
  }
  timings.sort((a, b) => a - b);
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
      name: `event-driven refresh of one member, ${groups} groups, added to its transaction, p99 [${kind}]`, value: Number(percentile(timings, 0.99).toFixed(2)), unit: 'ms',
      detail: `p50 ${percentile(timings, 0.5).toFixed(2)} ms over ${timings.length} refreshes in a shop of ${size} members`,
    },
  ];
}
