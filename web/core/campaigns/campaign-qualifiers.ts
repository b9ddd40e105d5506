// Who qualifies for a campaign right now, as one SELECT per period yielding ("memberId", "periodKey"):
// set-based SQL for both databases. The period is what "at most once" is counted in: the birthday's
// year, the anniversary's year, the visit (order) thanked for, the Nth-visit milestone, the lapse
// episode (the lastVisitAt a win-back answers), or "once" for the welcome.
import type { DbKind } from '../db-client';
import type { Prisma } from '../db-client';
import { joinSql, sql, sqlText, type SqlQuery } from '../sql/sql-query';
import { anniversaryWindow, birthdayCandidates } from './campaign-calendar';
import { parseCampaignSettings, type CampaignKind } from './campaign-settings';

export interface QualifyingCampaign {
  id: string;
  shopId: string;
  kind: CampaignKind;
  settings: string;
  audienceGroupId: string | null;
  /** when the campaign was switched on; events before it (sign-ups, visits) do not count */
  activeSince: Date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A thank-you that could not go out within this long after its time (the jobs were down) is dropped: it would arrive out of the blue. */
export const THANK_YOU_LATEST_MS = 2 * DAY_MS;
/** Appointments are paid up to this long before they happen; older paid orders are not looked at for thank-yous. */
const PAID_BEFORE_APPOINTMENT_MS = 400 * DAY_MS;

/** Epoch milliseconds of a DateTime column as text (SQLite stores them as integers already). */
function epochMsText(kind: DbKind, column: SqlQuery): SqlQuery {
  return kind === 'postgresql'
    ? sql`CAST(CAST(FLOOR(EXTRACT(EPOCH FROM ${column}) * 1000) AS BIGINT) AS TEXT)`
    : sql`CAST(${column} AS TEXT)`;
}

function audience(campaign: QualifyingCampaign): SqlQuery {
  if (!campaign.audienceGroupId) return sqlText('');
  return sql` AND EXISTS (SELECT 1 FROM "GroupMember" gm WHERE gm."groupId" = ${campaign.audienceGroupId} AND gm."memberId" = m."id")`;
}

export interface QualifierContext {
  kind: DbKind;
  prisma: Prisma;
  timezone: string;
  now: Date;
}

export async function qualifierQueries(campaign: QualifyingCampaign, context: QualifierContext): Promise<SqlQuery[]> {
  const { now, timezone } = context;
  const shopId = campaign.shopId;
  const members = sql`"Member" m WHERE m."shopId" = ${shopId}${audience(campaign)}`;
  switch (campaign.kind) {
    case 'welcome':
      return [sql`SELECT m."id" AS "memberId", CAST('once' AS TEXT) AS "periodKey" FROM ${members} AND m."createdAt" >= ${campaign.activeSince} AND m."createdAt" <= ${now}`];
    case 'birthday':
      return birthdayCandidates(now, timezone).map(
        (day) => sql`SELECT m."id" AS "memberId", CAST(${String(day.year)} AS TEXT) AS "periodKey" FROM ${members}
          AND m."birthMonth" = ${day.month} AND m."birthDay" IN (${joinSql(day.days.map((d) => sql`${d}`))})`,
      );
    case 'anniversary': {
      const earliest = await context.prisma.member.findFirst({ where: { shopId }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
      if (!earliest) return [];
      const window = anniversaryWindow(now, timezone, earliest.createdAt);
      if (window.ranges.length === 0) return [];
      const signedUp = joinSql(window.ranges.map((range) => sql`(m."createdAt" >= ${range.from} AND m."createdAt" < ${range.to})`), ' OR ');
      return [sql`SELECT m."id" AS "memberId", CAST(${String(window.year)} AS TEXT) AS "periodKey" FROM ${members} AND (${signedUp})`];
    }
    case 'thank_you': {
      const { delayHours } = parseCampaignSettings('thank_you', campaign.settings);
      const delayMs = delayHours * HOUR_MS;
      const dueBy = new Date(now.getTime() - delayMs);
      const earliest = new Date(Math.max(campaign.activeSince.getTime(), now.getTime() - THANK_YOU_LATEST_MS) - delayMs);
      // The visit is the order's first appointment, or its payment when it books none.
      return [sql`SELECT v."memberId" AS "memberId", v."id" AS "periodKey" FROM (
          SELECT o."id", o."memberId", COALESCE((SELECT MIN(l."appointmentStart") FROM "OrderLine" l WHERE l."orderRecordId" = o."id"), o."paidAt") AS "visitAt"
          FROM "OrderRecord" o
          WHERE o."shopId" = ${shopId} AND o."memberId" IS NOT NULL AND o."paidAt" IS NOT NULL AND o."cancelledAt" IS NULL
            AND o."paidAt" >= ${new Date(earliest.getTime() - PAID_BEFORE_APPOINTMENT_MS)} AND o."paidAt" <= ${now}
        ) v JOIN "Member" m ON m."id" = v."memberId"
        WHERE v."visitAt" <= ${dueBy} AND v."visitAt" >= ${earliest}${audience(campaign)}`];
    }
    case 'nth_visit': {
      const { everyVisits } = parseCampaignSettings('nth_visit', campaign.settings);
      // A milestone counts when an order paid since the campaign started crossed it (total / N grew).
      const n = sql`CAST(${everyVisits} AS INTEGER)`;
      return [sql`SELECT c."memberId" AS "memberId", 'visit-' || CAST((c."total" / ${n}) * ${n} AS TEXT) AS "periodKey" FROM (
          SELECT o."memberId", COUNT(*) AS "total", SUM(CASE WHEN o."paidAt" < ${campaign.activeSince} THEN 1 ELSE 0 END) AS "before"
          FROM "OrderRecord" o
          WHERE o."shopId" = ${shopId} AND o."memberId" IS NOT NULL AND o."paidAt" IS NOT NULL AND o."paidAt" <= ${now} AND o."cancelledAt" IS NULL
          GROUP BY o."memberId"
        ) c JOIN "Member" m ON m."id" = c."memberId"
        WHERE c."total" / ${n} > c."before" / ${n}${audience(campaign)}`];
    }
    case 'win_back': {
      const { daysWithoutVisit } = parseCampaignSettings('win_back', campaign.settings);
      // The lapse episode is the last visit itself: a new visit starts a new one, so a member is paid
      // once per lapse however often the job runs.
      return [sql`SELECT m."id" AS "memberId", ${epochMsText(context.kind, sql`m."lastVisitAt"`)} AS "periodKey" FROM ${members}
        AND m."lastVisitAt" IS NOT NULL AND m."lastVisitAt" <= ${new Date(now.getTime() - daysWithoutVisit * DAY_MS)}`];
    }
  }
}
