// "120 points expire on 1 March": the member's next expiry, for the widget and the customer account.
import type { Prisma } from '../db-client';
import { prismaSqlExecutor } from '../sql/sql-client';
import { sql, toDate } from '../sql/sql-query';
import { shopClock } from '../reports/shop-clock';
import { expiryDateText } from './last-activity';

export interface MemberExpiry {
  points: number;
  /** shop-local date, "2027-03-01" */
  expiresOn: string;
}

/** null when expiry is off or the member has no posted points. */
export async function readMemberExpiry(prisma: Prisma, shopId: string, memberId: string): Promise<MemberExpiry | null> {
  const [settings, shop] = await Promise.all([
    prisma.pointsExpirySettings.findUnique({ where: { shopId } }),
    prisma.shop.findUnique({ where: { id: shopId }, select: { ianaTimezone: true } }),
  ]);
  if (!settings?.enabled || !shop) return null;
  const member = await prisma.member.findFirst({ where: { id: memberId, shopId }, select: { balance: true, createdAt: true } });
  if (!member || member.balance <= 0) return null;
  const [row] = await prismaSqlExecutor(prisma).query<{ last: unknown }>(sql`
    SELECT MAX(e."createdAt") AS "last" FROM "LedgerEntry" e
    WHERE e."shopId" = ${shopId} AND e."memberId" = ${memberId} AND e."type" IN ('earn', 'redeem') AND e."status" <> 'voided'`);
  const lastActivityAt = row?.last === null || row?.last === undefined ? member.createdAt : toDate(row.last);
  return { points: member.balance, expiresOn: expiryDateText(lastActivityAt, settings.inactivityMonths, shopClock(shop.ianaTimezone)) };
}
