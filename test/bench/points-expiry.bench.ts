// The points expiry job over a ledger of 1,000,000 entries (100,000 members × 10 earns), seeded
// set-based (INSERT … SELECT generate_series). Half the members have been inactive for over a year
// (their points expire), a quarter are inside the warning window, a quarter are active.
import type { Db, DbKind } from '../../web/core/db-client';
import { expirePoints } from '../../web/core/expiry/expire-points';
import { savePointsExpirySettings } from '../../web/core/expiry/points-expiry-settings';
import { createShop } from '../fixtures/factories';
import type { BenchResult } from './bench-result';

const DAY_MS = 86_400_000;

async function seedLedger(db: Db, shopId: string, members: number, perMember: number, now: Date, runId: string): Promise<void> {
  const series = (n: number) =>
    db.kind === 'postgresql' ? `SELECT generate_series(1, ${n}) AS n` : `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${n}) SELECT n FROM s`;
  // PostgreSQL: $1 shop, $2 now. SQLite (positional ? only, and each value is used more than once): literals.
  const p = (i: number) => (db.kind === 'postgresql' ? `$${i}` : i === 1 ? `'${shopId}'` : String(now.getTime()));
  const args = db.kind === 'postgresql' ? [shopId, now] : [];
  // Days before `now` of a member's newest activity, by cohort (member number % 4).
  const newestDaysAgo = (member: string) => `(CASE (${member}) % 4 WHEN 1 THEN 350 WHEN 3 THEN 30 ELSE 400 END)`;
  const daysBefore = (days: string) => (db.kind === 'postgresql' ? `${p(2)}::timestamp - make_interval(days => ${days})` : `${p(2)} - (${days}) * ${DAY_MS}`);
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "balance", "pendingPoints", "lifetimeSpendMinor", "createdAt", "updatedAt")
     SELECT '${runId}-m' || n, ${p(1)}, 'gid://shopify/Customer/${runId}-' || n, ${perMember * 10}, 0, 0, ${daysBefore('800')}, ${p(2)} FROM (${series(members)}) s`,
    ...args,
  );
  const member = `((n - 1) / ${perMember} + 1)`;
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "LedgerEntry" ("id", "shopId", "memberId", "type", "status", "points", "description", "sourceType", "sourceId", "idempotencyKey", "postedAt", "createdAt")
     SELECT '${runId}-e' || n, ${p(1)}, '${runId}-m' || ${member}, 'earn', 'posted', 10, 'Visit', 'order', '${runId}-o' || n, 'bench:${runId}:' || n,
       ${daysBefore(`${newestDaysAgo(member)} + (n - 1) % ${perMember}`)}, ${daysBefore(`${newestDaysAgo(member)} + (n - 1) % ${perMember}`)}
     FROM (${series(members * perMember)}) s`,
    ...args,
  );
  if (db.kind === 'postgresql') await db.prisma.$executeRawUnsafe('ANALYZE "LedgerEntry"; ');
}

export async function runPointsExpiryBenchmark(options: { db: Db & { kind: DbKind }; entries: number }): Promise<BenchResult> {
  const { db } = options;
  const perMember = 10;
  const members = Math.max(4, Math.floor(options.entries / perMember));
  const shop = await createShop(db.prisma, { ianaTimezone: 'Europe/Amsterdam' });
  await savePointsExpirySettings(db.prisma, shop.id, { enabled: true, inactivityMonths: 12, warningDays: 30 });
  const now = new Date();
  const seedStarted = performance.now();
  await seedLedger(db, shop.id, members, perMember, now, `x${Date.now().toString(36)}`);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const started = performance.now();
  const result = await expirePoints(db, { now, shopId: shop.id });
  const seconds = (performance.now() - started) / 1000;
  const rerunStarted = performance.now();
  const rerun = await expirePoints(db, { now, shopId: shop.id });
  const rerunSeconds = (performance.now() - rerunStarted) / 1000;
  if (result.expired !== members / 2 || rerun.expired !== 0) throw new Error(`expected ${members / 2} expiries and none on the rerun, got ${result.expired} and ${rerun.expired}`);
  return {
    name: `expire points over ${(members * perMember).toLocaleString('en')} ledger entries [${db.kind}]`,
    value: Number(seconds.toFixed(2)),
    unit: 's',
    detail: `${result.expired.toLocaleString('en')} members expired (${result.points.toLocaleString('en')} points) and ${result.warned.toLocaleString('en')} warned, in chunks of 1,000; rerun (nothing to do) ${rerunSeconds.toFixed(2)} s; seeding ${seedSeconds.toFixed(1)} s`,
  };
}
