// Dashboard figures for a date range. Flows (issued, redeemed, expired, the daily series, top
// services) count entries created in the range; pending and liability are the state right now.
// Days are the shop's calendar days (its UTC offset at the end of the range).
import { DateTime } from 'luxon';
import type { DashboardStats } from '../../contracts/admin-api';
import type { Db } from '../db-client';
import { AppError } from '../errors/app-error';
import { liabilityOf, loadPointValue, type PointValue } from './point-value';
import { sql, sqlText, type SqlQuery } from '../sql/sql-query';
import { reportSql } from './points-report';

const MAX_DAYS = 731;

export function dashboardRange(input: { from?: string; to?: string }, timezone: string, now = new Date()): { from: DateTime; toExclusive: DateTime } {
  const parse = (name: string, text: string) => {
    const day = DateTime.fromISO(text, { zone: timezone });
    if (!/^\d{4}-\d{2}-\d{2}/.test(text) || !day.isValid) throw new AppError('VALIDATION', `${name}: "${text}" is not a date (YYYY-MM-DD).`);
    return day.startOf('day');
  };
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  const toDay = input.to ? parse('to', input.to) : today;
  const from = input.from ? parse('from', input.from) : toDay.minus({ days: 29 });
  const toExclusive = toDay.plus({ days: 1 });
  if (from >= toExclusive) throw new AppError('VALIDATION', 'from must not be after to.');
  if (toExclusive.diff(from, 'days').days > MAX_DAYS) throw new AppError('VALIDATION', `The range may span at most ${MAX_DAYS} days.`);
  return { from, toExclusive };
}

function dayExpression(db: Db, offsetMinutes: number): SqlQuery {
  return sqlText(db.kind === 'postgresql'
    ? `to_char(e."createdAt" + interval '${offsetMinutes} minutes', 'YYYY-MM-DD')`
    : `strftime('%Y-%m-%d', (e."createdAt" / 1000) + ${offsetMinutes * 60}, 'unixepoch')`);
}

export async function dashboardStats(db: Db, shopId: string, input: { from?: string; to?: string }, now = new Date()): Promise<DashboardStats> {
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { ianaTimezone: true, currency: true } });
  const { from, toExclusive } = dashboardRange(input, shop.ianaTimezone, now);
  const offsetMinutes = toExclusive.minus({ milliseconds: 1 }).offset;

  const inRange = sql`e."shopId" = ${shopId} AND e."createdAt" >= ${from.toJSDate()} AND e."createdAt" < ${toExclusive.toJSDate()}`;
  const client = reportSql(db);

  const [members, balances, flows, days, top, pointValue] = await Promise.all([
    db.prisma.member.count({ where: { shopId } }),
    db.prisma.member.aggregate({ where: { shopId, balance: { gt: 0 } }, _sum: { balance: true } }),
    client.query<{ type: string; status: string; points: number | bigint | null }>(
      sql`SELECT e."type" AS "type", e."status" AS "status", SUM(e."points") AS "points" FROM "LedgerEntry" e WHERE ${inRange} GROUP BY e."type", e."status"`,
    ),
    client.query<{ day: string; earned: number | bigint | null; spent: number | bigint | null }>(
      sql`SELECT ${dayExpression(db, offsetMinutes)} AS "day",
         SUM(CASE WHEN e."type" = 'earn' AND e."status" <> 'voided' THEN e."points" ELSE 0 END) AS "earned",
         SUM(CASE WHEN e."type" = 'redeem' AND e."status" = 'posted' THEN -e."points" ELSE 0 END) AS "spent"
       FROM "LedgerEntry" e WHERE ${inRange} GROUP BY 1 ORDER BY 1`,
    ),
    client.query<{ productId: string; title: string | null; points: number | bigint }>(
      sql`SELECT l."productId" AS "productId", MAX(p."title") AS "title", SUM(e."points") AS "points"
       FROM "LedgerEntry" e
       JOIN "OrderLine" l ON l."shopId" = e."shopId" AND l."shopifyLineItemId" = e."lineItemId"
       LEFT JOIN "Product" p ON p."shopId" = e."shopId" AND p."shopifyId" = l."productId"
       WHERE ${inRange} AND e."type" = 'earn' AND e."status" <> 'voided' AND l."isService" = ${sqlText(db.kind === 'postgresql' ? 'true' : '1')} AND l."productId" IS NOT NULL
       GROUP BY l."productId" ORDER BY 3 DESC LIMIT 5`,
    ),
    loadPointValue(db.prisma, shopId),
  ]);
  const liability = liabilityOf(balances._sum.balance ?? 0, pointValue, shop.currency);
  const pending = await db.prisma.member.aggregate({ where: { shopId }, _sum: { pendingPoints: true } });
  const sum = (type: string, status?: string) =>
    flows.filter((row) => row.type === type && (status === undefined || row.status === status)).reduce((acc, row) => acc + Number(row.points ?? 0), 0);
  const issued = sum('earn', 'posted');
  const redeemed = -sum('redeem', 'posted');
  const byDay = new Map(days.map((row) => [row.day, row]));
  const series: DashboardStats['series'] = [];
  for (let day = from; day < toExclusive; day = day.plus({ days: 1 })) {
    const key = day.toISODate()!;
    const row = byDay.get(key);
    series.push({ date: key, earned: Number(row?.earned ?? 0), spent: Number(row?.spent ?? 0) });
  }
  return {
    from: from.toISODate()!,
    to: toExclusive.minus({ days: 1 }).toISODate()!,
    members,
    issued,
    redeemed,
    pending: pending._sum.pendingPoints ?? 0,
    expired: -sum('expire', 'posted'),
    liabilityPoints: liability.points,
    liabilityMinor: liability.valueMinor,
    currency: shop.currency,
    pointValue,
    redemptionRate: issued > 0 ? Math.round((redeemed / issued) * 10_000) / 10_000 : 0,
    topServices: top.map((row) => ({ productId: row.productId, title: row.title ?? row.productId, points: Number(row.points) })),
    series,
  };
}
