// Groups admin benchmark (issue 15): seeds N members, 2N orders and 10 groups (group g holds every
// member whose number is divisible by g: 100 %, 50 %, 33 % … of the members, ~2.9 N memberships)
// set-based, then measures the statistics of all groups over 30 days (two grouped statements), the
// members list unfiltered (baseline) and filtered by the largest and the smallest group, and a manual add of 500 members (one
// request's maximum) with its history rows, and the same add again (a no-op).
// Run: npm run bench -- --only=groups [--quick]
import type { Db } from '../../web/core/db-client';
import { groupStatistics } from '../../web/core/groups/group-statistics';
import { addGroupMembers } from '../../web/core/groups/manage-group-members';
import { searchMembers } from '../../web/core/members/search-members';
import { createShop } from '../fixtures/factories';
import type { BenchResult } from './bench-result';

const GROUPS = 10;
const STAFF = { userId: 'bench', name: 'Bench', role: 'owner' as const, adjustLimit: null, locationIds: [] };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return Math.round(median(times) * 10) / 10;
}

async function seed(db: Db, shopId: string, members: number, now: Date): Promise<string[]> {
  const pg = db.kind === 'postgresql';
  const series = (n: number) => (pg ? `SELECT generate_series(1, ${n}) AS n` : `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${n}) SELECT n FROM s`);
  const p = (i: number) => (pg ? `$${i}` : '?');
  const at = pg ? now : now.getTime();
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "firstName", "lastName", "email", "balance", "pendingPoints", "lifetimeSpendMinor", "createdAt", "updatedAt")
     SELECT 'gm' || n, ${p(1)}, 'gid://shopify/Customer/' || n, 'Member', 'No ' || n, 'member' || n || '@example.com', n % 500, 0, 0, ${p(2)}, ${p(3)} FROM (${series(members)}) s`,
    shopId, at, at,
  );
  // Two orders per member over the last 60 days; every 10th unpaid, every 25th cancelled.
  // SQLite's positional parameters bind once each: the (numeric) instant is written into the statement there.
  const processed = pg ? `${p(2)}::timestamp - (n * interval '1 second') * (5184000 / ${2 * members})` : `${now.getTime()} - n * (5184000000 / ${2 * members})`;
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "OrderRecord" ("id", "shopId", "shopifyOrderId", "memberId", "currency", "eligibleMinor", "processedAt", "shopifyUpdatedAt", "paidAt", "cancelledAt", "createdAt")
     SELECT 'go' || n, ${p(1)}, 'gid://shopify/Order/' || n, 'gm' || (((n - 1) % ${members}) + 1), 'EUR', 1000 + n % 9000, ${processed}, ${processed},
            CASE WHEN n % 10 = 0 THEN NULL ELSE ${processed} END, CASE WHEN n % 25 = 0 THEN ${processed} ELSE NULL END, ${processed}
     FROM (${series(2 * members)}) s`,
    ...(pg ? [shopId, now] : [shopId]),
  );
  const ids: string[] = [];
  for (let g = 1; g <= GROUPS; g += 1) {
    const group = await db.prisma.customerGroup.create({ data: { shopId, name: `Every ${g}`, kind: 'manual' } });
    ids.push(group.id);
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "GroupMember" ("groupId", "memberId", "shopId", "source", "joinedAt")
       SELECT ${p(1)}, 'gm' || n, ${p(2)}, 'manual', ${p(3)} FROM (${series(members)}) s WHERE n % ${g} = 0`,
      group.id, shopId, at,
    );
  }
  await db.prisma.$executeRawUnsafe('ANALYZE');
  return ids;
}

export async function runGroupStatisticsBenchmarks(db: Db, options: { members: number }): Promise<BenchResult[]> {
  const now = new Date();
  const shop = await createShop(db.prisma, { currency: 'EUR', ianaTimezone: 'Europe/Amsterdam' });
  const seeding = performance.now();
  const groupIds = await seed(db, shop.id, options.members, now);
  const seedSeconds = Math.round((performance.now() - seeding) / 100) / 10;
  const memberships = await db.prisma.groupMember.count({ where: { shopId: shop.id } });
  const size = `${options.members.toLocaleString('en')} members, ${(2 * options.members).toLocaleString('en')} orders, ${GROUPS} groups, ${memberships.toLocaleString('en')} memberships (seeded in ${seedSeconds} s)`;
  const label = (name: string) => `groups: ${name} [${db.kind}]`;

  const stats = await timed(5, () => groupStatistics(db, shop.id, {}, now));
  const unfiltered = await timed(20, () => searchMembers(db, shop.id, { limit: 25 }));
  const largest = await timed(20, () => searchMembers(db, shop.id, { limit: 25, groupId: groupIds[0]! }));
  const smallest = await timed(20, () => searchMembers(db, shop.id, { limit: 25, groupId: groupIds[GROUPS - 1]! }));
  const searched = await timed(10, () => searchMembers(db, shop.id, { limit: 25, groupId: groupIds[1]!, query: 'no 12' }));

  const manual = await db.prisma.customerGroup.create({ data: { shopId: shop.id, name: 'Selection', kind: 'manual' } });
  const selection = Array.from({ length: 500 }, (_, i) => `gm${i * 7 + 1}`).filter((id) => Number(id.slice(2)) <= options.members);
  let started = performance.now();
  const added = await addGroupMembers(db, shop.id, STAFF, manual.id, selection, now);
  const addMs = Math.round((performance.now() - started) * 10) / 10;
  started = performance.now();
  await addGroupMembers(db, shop.id, STAFF, manual.id, selection, now);
  const againMs = Math.round((performance.now() - started) * 10) / 10;

  return [
    { name: label('statistics of all groups, 30 days'), value: stats, unit: 'ms', detail: `median of 5; ${size}` },
    { name: label('members list without a filter, first page (baseline)'), value: unfiltered, unit: 'ms', detail: 'median of 20' },
    { name: label('members list filtered by the largest group, first page'), value: largest, unit: 'ms', detail: `median of 20; group of ${options.members.toLocaleString('en')}` },
    { name: label('members list filtered by the smallest group, first page'), value: smallest, unit: 'ms', detail: `median of 20; group of ${Math.floor(options.members / GROUPS).toLocaleString('en')}` },
    { name: label('members list, group filter and a name search'), value: searched, unit: 'ms', detail: 'median of 10; "no 12" in a group of half the members' },
    { name: label('add 500 members by hand'), value: addMs, unit: 'ms', detail: `${added.changed} memberships and history rows, one transaction` },
    { name: label('add the same 500 again'), value: againMs, unit: 'ms', detail: 'no-op: nothing written' },
  ];
}
