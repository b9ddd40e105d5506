// The points expiry rule (docs/points-expiry.md): a member's posted points expire `inactivityMonths`
// calendar months (in the shop's time zone) after their last activity, i.e. the newest earn or
// redemption that still counts (pending or posted, not voided). A member with neither counts from
// joining. The expiry episode is that last activity: its epoch ms is part of the expiry's and the
// warning's idempotency keys, so each happens once per episode, and a reversed expiry stays reversed
// until the member is active again.
import { addMonthsInZone } from '../campaigns/campaign-calendar';
import type { ShopClock } from '../reports/shop-clock';
import { sql, type SqlQuery } from '../sql/sql-query';

const DAY_MS = 86_400_000;

/** ("memberId", "lastActivityAt") of a shop's members; `memberFilter` narrows the members (alias m). */
export function lastActivitySql(shopId: string, memberFilter: SqlQuery): SqlQuery {
  return sql`
    SELECT m."id" AS "memberId", m."balance" AS "balance", COALESCE(a."last", m."createdAt") AS "lastActivityAt"
    FROM "Member" m LEFT JOIN (
      SELECT e."memberId", MAX(e."createdAt") AS "last" FROM "LedgerEntry" e
      WHERE e."shopId" = ${shopId} AND e."type" IN ('earn', 'redeem') AND e."status" <> 'voided'
      GROUP BY e."memberId"
    ) a ON a."memberId" = m."id"
    WHERE m."shopId" = ${shopId}${memberFilter}`;
}

/**
 * The latest last activity whose points have expired by `moment`: expiry (last activity + N months,
 * luxon's calendar arithmetic in the shop's zone) only grows with the last activity, so one binary
 * search per run turns "has it expired?" into a comparison the database can make for every member.
 */
export function latestActivityExpiredBy(moment: Date, inactivityMonths: number, timezone: string): Date {
  let low = moment.getTime() - (inactivityMonths * 31 + 2) * DAY_MS;
  let high = moment.getTime() - (inactivityMonths * 28 - 2) * DAY_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (addMonthsInZone(new Date(middle), inactivityMonths, timezone) <= moment) low = middle;
    else high = middle;
  }
  return new Date(low);
}

/**
 * The shop-local expiry date ("2027-03-01") of a last activity: its local date plus N months, the day
 * clamped to the month's end (31 January + 1 month = 28 February), as luxon counts. Cut from the fast
 * shop clock, so a run over 100,000 members does not pay luxon per member.
 */
export function expiryDateText(lastActivityAt: Date, inactivityMonths: number, clock: ShopClock): string {
  const local = clock(lastActivityAt.getTime());
  const [year, month, day] = [Number(local.slice(0, 4)), Number(local.slice(5, 7)), Number(local.slice(8, 10))];
  const monthIndex = month - 1 + inactivityMonths;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

export const expiryKey = (memberId: string, lastActivityAt: Date) => `expire:${memberId}:${lastActivityAt.getTime()}`;
export const expiryWarningKey = (memberId: string, lastActivityAt: Date) => `expiry-warning:${memberId}:${lastActivityAt.getTime()}`;
