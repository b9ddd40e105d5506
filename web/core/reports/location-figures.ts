// What each location did in a period, for the report and the dashboard: points earned there (posted
// and still pending) and redeemed there (entries by createdAt, as the report counts them), and the
// orders processed there (cancelled ones left out) with their customers and eligible spend. Rows
// without a location (online orders, redemptions, most adjustments) come together under null. A
// location-limited user gets their own locations only.
import type { LocationFigures } from '../../contracts/admin-api';
import type { Db } from '../db-client';
import { listLocations } from '../locations/list-locations';
import { minorUnitsFromColumn } from '../money/minor-units-column';
import { andCondition, isLimited, scopedLocationCondition, type MemberScope } from '../members/visible-members';
import { sql, sqlText, type SqlQuery } from '../sql/sql-query';
import { reportSql } from './points-report';

export interface FiguresPeriod {
  from?: Date;
  /** exclusive */
  to?: Date;
}

type Count = number | bigint | string | null;

function between(column: string, period: FiguresPeriod): SqlQuery {
  const from = period.from ? sql` AND ${sqlText(column)} >= ${period.from}` : sql``;
  const to = period.to ? sql` AND ${sqlText(column)} < ${period.to}` : sql``;
  return sql`${from}${to}`;
}

export async function locationFigures(db: Db, shopId: string, period: FiguresPeriod, scope: MemberScope): Promise<LocationFigures[]> {
  const client = reportSql(db);
  const [entries, orders, locations, shop] = await Promise.all([
    client.query<{ locationId: string | null; earned: Count; pending: Count; redeemed: Count }>(sql`
      SELECT e."locationId" AS "locationId",
        SUM(CASE WHEN e."type" = 'earn' AND e."status" = 'posted' THEN e."points" ELSE 0 END) AS "earned",
        SUM(CASE WHEN e."type" = 'earn' AND e."status" = 'pending' THEN e."points" ELSE 0 END) AS "pending",
        SUM(CASE WHEN e."type" = 'redeem' AND e."status" = 'posted' THEN -e."points" ELSE 0 END) AS "redeemed"
      FROM "LedgerEntry" e
      WHERE e."shopId" = ${shopId}${between('e."createdAt"', period)}${andCondition(scopedLocationCondition(scope, 'e."locationId"'))}
      GROUP BY e."locationId"`),
    client.query<{ locationId: string | null; orders: Count; customers: Count; revenue: Count }>(sql`
      SELECT o."locationId" AS "locationId", COUNT(*) AS "orders", COUNT(DISTINCT o."memberId") AS "customers", SUM(o."eligibleMinor") AS "revenue"
      FROM "OrderRecord" o
      WHERE o."shopId" = ${shopId} AND o."cancelledAt" IS NULL${between('o."processedAt"', period)}${andCondition(scopedLocationCondition(scope, 'o."locationId"'))}
      GROUP BY o."locationId"`),
    listLocations(db.prisma, shopId, { only: scope.locationIds }),
    db.prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { currency: true } }),
  ]);
  const rows = new Map<string | null, LocationFigures>();
  const row = (locationId: string | null): LocationFigures => {
    let figures = rows.get(locationId);
    if (!figures) {
      figures = { locationId, name: null, earned: 0, pending: 0, redeemed: 0, orders: 0, customers: 0, revenueMinor: 0, currency: shop.currency };
      rows.set(locationId, figures);
    }
    return figures;
  };
  // Every current location is listed, even one with nothing in the period yet.
  for (const location of locations) if (!location.deleted) row(location.id);
  for (const entry of entries) Object.assign(row(entry.locationId), { earned: Number(entry.earned ?? 0), pending: Number(entry.pending ?? 0), redeemed: Number(entry.redeemed ?? 0) });
  for (const order of orders) {
    Object.assign(row(order.locationId), { orders: Number(order.orders ?? 0), customers: Number(order.customers ?? 0), revenueMinor: order.revenue === null ? 0 : minorUnitsFromColumn(order.revenue) });
  }
  for (const location of locations) if (rows.has(location.id)) rows.get(location.id)!.name = location.name;
  const named = [...rows.values()].filter((figures) => figures.locationId !== null);
  named.sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || String(a.locationId).localeCompare(String(b.locationId)));
  const unlocated = isLimited(scope) ? undefined : rows.get(null);
  return unlocated ? [...named, unlocated] : named;
}
