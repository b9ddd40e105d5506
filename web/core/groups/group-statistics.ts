// Figures per group (seed 001 "statistics by customer group"): members, visits, revenue and average
// order over a date range, and the members' outstanding points with their money value (the same point
// value as the dashboard and the report, web/core/reports/point-value.ts). Two grouped statements for
// all of a shop's groups, whatever their size. Membership is as it is now: a member who joined last
// week brings their orders of the whole period.
// Visits and revenue: paid, not cancelled orders processed in the range (the order's eligible amount).
// Balance: positive balances only, as the liability everywhere else.
import type { GroupStatsResponse } from '../../contracts/groups-api';
import type { Db } from '../db-client';
import { dashboardRange } from '../reports/dashboard-stats';
import { liabilityOf, loadPointValue } from '../reports/point-value';
import { reportSql } from '../reports/points-report';
import { sql } from '../sql/sql-query';

const toNumber = (value: number | bigint | string | null | undefined) => Number(value ?? 0);

export async function groupStatistics(db: Db, shopId: string, input: { from?: string; to?: string }, now = new Date()): Promise<GroupStatsResponse> {
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { ianaTimezone: true, currency: true } });
  const { from, toExclusive } = dashboardRange(input, shop.ianaTimezone, now);
  const client = reportSql(db);
  const [groups, members, orders, pointValue] = await Promise.all([
    db.prisma.customerGroup.findMany({ where: { shopId, archivedAt: null }, select: { id: true } }),
    client.query<{ groupId: string; members: number | bigint; balance: number | bigint | string | null }>(sql`
      SELECT gm."groupId" AS "groupId", COUNT(*) AS "members",
        CAST(SUM(CASE WHEN m."balance" > 0 THEN m."balance" ELSE 0 END) AS BIGINT) AS "balance"
      FROM "GroupMember" gm JOIN "Member" m ON m."id" = gm."memberId"
      WHERE gm."shopId" = ${shopId}
      GROUP BY gm."groupId"`),
    client.query<{ groupId: string; visits: number | bigint; revenue: number | bigint | string | null }>(sql`
      SELECT gm."groupId" AS "groupId", COUNT(*) AS "visits", CAST(SUM(o."eligibleMinor") AS BIGINT) AS "revenue"
      FROM "GroupMember" gm JOIN "OrderRecord" o ON o."memberId" = gm."memberId" AND o."shopId" = gm."shopId"
      WHERE gm."shopId" = ${shopId} AND o."paidAt" IS NOT NULL AND o."cancelledAt" IS NULL
        AND o."processedAt" >= ${from.toJSDate()} AND o."processedAt" < ${toExclusive.toJSDate()}
      GROUP BY gm."groupId"`),
    loadPointValue(db.prisma, shopId),
  ]);
  const memberRows = new Map(members.map((row) => [row.groupId, row]));
  const orderRows = new Map(orders.map((row) => [row.groupId, row]));
  return {
    from: from.toISODate()!,
    to: toExclusive.minus({ days: 1 }).toISODate()!,
    currency: shop.currency,
    items: groups.map(({ id }) => {
      const visits = toNumber(orderRows.get(id)?.visits);
      const revenueMinor = toNumber(orderRows.get(id)?.revenue);
      const pointsBalance = toNumber(memberRows.get(id)?.balance);
      return {
        groupId: id,
        members: toNumber(memberRows.get(id)?.members),
        visits,
        revenueMinor,
        // Half up, in integers: (2r + v) / 2v.
        averageOrderMinor: visits === 0 ? 0 : Math.floor((2 * revenueMinor + visits) / (2 * visits)),
        pointsBalance,
        liabilityMinor: liabilityOf(pointsBalance, pointValue, shop.currency).valueMinor,
      };
    }),
  };
}
