import { openTestDatabase } from '../support/test-database';
import { createShop } from '../fixtures/factories';
import { seedGroupMembers } from '../fixtures/seed-group-members';
import { createBenchGroups } from './bench-groups';
import { loadShopGroups } from '../../web/core/groups/load-shop-groups';
import { rulePredicate } from '../../web/core/groups/rule-predicate';
import { renderSql, sql, type SqlQuery } from '../../web/core/sql/sql-query';

async function main() {
  const n = Number(process.argv[2] ?? 20000);
  const db = await openTestDatabase('postgresql');
  const now = new Date();
  const shop = await createShop(db.prisma, { ianaTimezone: 'Europe/Amsterdam' });
  await seedGroupMembers(db, shop.id, { count: n, prefix: 'p_', now, orders: n, customerBase: 1 });
  await createBenchGroups(db.prisma, shop.id, { tiers: true });
  await db.sql!.execute(sql`ANALYZE`);
  const groups = await loadShopGroups(db.sql!, shop.id);
  const explain = async (label: string, q: SqlQuery) => {
    const text = 'EXPLAIN ANALYZE ' + renderSql(q, 'numbered');
    const pool = (db.sql as any);
    const rows = await db.prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(text, ...q.values);
    console.log('==', label); console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
  };
  for (const which of [0, 2, 3, 7, 9]) {
    const g = groups.ruleGroups[which]!;
    const ctx = { shopId: shop.id, now, zone: groups.zone, earliestSignup: null, memberIds: null };
    await explain(g.name, sql`SELECT COUNT(*) FROM "Member" m WHERE m."shopId" = ${shop.id} AND ${rulePredicate(g.rules, ctx)}`);
    const [one] = await db.prisma.member.findMany({ where: { shopId: shop.id }, take: 1 });
    const ctx1 = { ...ctx, memberIds: [one!.id] };
    await explain(g.name + ' scoped', sql`SELECT COUNT(*) FROM "GroupMember" gm JOIN "Member" m ON m."id" = gm."memberId" WHERE gm."groupId" = ${g.id} AND gm."memberId" IN (${one!.id}) AND NOT ${rulePredicate(g.rules, ctx1)}`);
  }
  await db.drop();
}
main().then(() => process.exit(0));
