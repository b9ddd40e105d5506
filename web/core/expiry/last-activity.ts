// The points expiry rule (docs/points-expiry.md): a member's posted points expire `inactivityMonths`
// calendar months (in the shop's time zone) after their last activity, i.e. the newest earn or
// redemption that still counts (pending or posted, not voided). A member with neither counts from
// joining. The expiry episode is that last activity: its epoch ms is part of the expiry's and the
// warning's idempotency keys, so each happens once per episode, and a reversed expiry stays reversed
// until the member is active again.
import { addMonthsInZone, localDateText } from '../campaigns/campaign-calendar';
import { sql, type SqlQuery } from '../sql/sql-query';

export const ACTIVITY_TYPES = ['earn', 'redeem'] as const;

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

export interface ExpiryMoment {
  expiresAt: Date;
  /** the shop-local date, "2027-03-01" */
  expiryDate: string;
}

export function expiryMomentOf(lastActivityAt: Date, inactivityMonths: number, timezone: string): ExpiryMoment {
  const expiresAt = addMonthsInZone(lastActivityAt, inactivityMonths, timezone);
  return { expiresAt, expiryDate: localDateText(expiresAt, timezone) };
}

export const expiryKey = (memberId: string, lastActivityAt: Date) => `expire:${memberId}:${lastActivityAt.getTime()}`;
export const expiryWarningKey = (memberId: string, lastActivityAt: Date) => `expiry-warning:${memberId}:${lastActivityAt.getTime()}`;
