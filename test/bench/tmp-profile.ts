import { openTestDatabase } from '../support/test-database';
import { createShop } from '../fixtures/factories';
import { seedGroupMembers } from '../fixtures/seed-group-members';
import { createBenchGroups } from './bench-groups';
import { reevaluateGroups } from '../../web/core/groups/reevaluate-groups';
import { refreshMemberGroups } from '../../web/core/groups/refresh-member-groups';
import { renderSql } from '../../web/core/sql/sql-query';
import type { SqlExecutor } from '../../web/core/sql/sql-client';

async function main() {
  const kind = (process.argv[2] ?? 'postgresql') as 'postgresql' | 'sqlite';
  const n = Number(process.argv[3] ?? 20000);
  console.log('rss start', Math.round(process.resourceUsage().maxRSS / 1024));
  const db = await openTestDatabase(kind);
  const now = new Date();
  const shop = await createShop(db.prisma, { ianaTimezone: 'Europe/Amsterdam' });
  await seedGroupMembers(db, shop.id, { count: n, prefix: 'p_', now, orders: n, customerBase: 1 });
  await createBenchGroups(db.prisma, shop.id, { tiers: true });
  console.log('rss seeded', Math.round(process.resourceUsage().maxRSS / 1024));
  const wrap = (tx: SqlExecutor): SqlExecutor => ({
    ...tx,
    query: async (q) => { const t = performance.now(); const r = await tx.query(q); const ms = performance.now() - t; if (ms > 5) console.log(ms.toFixed(1), renderSql(q, 'numbered').replace(/\s+/g, ' ').slice(0, 300)); return r as never; },
    execute: async (q) => { const t = performance.now(); const r = await tx.execute(q); const ms = performance.now() - t; if (ms > 5) console.log(ms.toFixed(1), renderSql(q, 'numbered').replace(/\s+/g, ' ').slice(0, 300)); return r; },
  });
  const orig = db.sql!.transaction.bind(db.sql);
  (db.sql as any).transaction = (work: any) => orig((tx: any) => work(wrap(tx)));
  let t = performance.now();
  await reevaluateGroups(db, { shopId: shop.id, now });
  console.log('first', (performance.now() - t).toFixed(0));
  const [m] = await db.prisma.member.findMany({ where: { shopId: shop.id }, take: 1 });
  t = performance.now();
  await db.sql!.transaction((tx) => refreshMemberGroups(tx, shop.id, [m!.id], 'order', new Date(now.getTime() + 5)));
  console.log('refresh', (performance.now() - t).toFixed(0));
  console.log('rss end', Math.round(process.resourceUsage().maxRSS / 1024));
  await db.drop();
}
main().then(() => process.exit(0));
