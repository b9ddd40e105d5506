// The customer's view of tiers: their current tier (GroupMember rows, kept by the groups engine), its
// benefits, and how far they are from the next one — the next tier's threshold minus the member's
// metric over the tier period (spend: paid, uncancelled orders by processing time; points: earn
// entries), so "€150 more to Gold". Periods start in the shop's time zone: January 1st for a calendar
// year, twelve months back for a rolling year. Only what the customer may see: no other member's data.
import { DateTime } from 'luxon';
import type { TierBenefit, TierView } from '../../contracts/storefront-api';
import type { Db } from '../db-client';
import { minorUnitsFromColumn } from '../money';
import { sqlClientOf } from '../sql/sql-client';
import { sql } from '../sql/sql-query';

interface TierRow {
  id: string;
  name: string;
  colour: string;
  tierRank: number | bigint;
  tierMetric: string | null;
  tierThreshold: number | bigint | null;
  tierPeriod: string | null;
  enabled: boolean | number | bigint;
  benefitKind: string;
  benefitMultiplierPercent: number | bigint | null;
  benefitDiscountPercent: number | bigint | null;
  benefitSpendTiers: string;
}

export function benefitsOf(row: Pick<TierRow, 'benefitKind' | 'benefitMultiplierPercent' | 'benefitDiscountPercent' | 'benefitSpendTiers'>, lifetimeSpendMinor: number): TierBenefit[] {
  if (row.benefitKind === 'discount' && row.benefitDiscountPercent) return [{ kind: 'discount', percent: Number(row.benefitDiscountPercent) }];
  if (row.benefitKind !== 'bonus') return [];
  const benefits: TierBenefit[] = [];
  if (row.benefitMultiplierPercent && Number(row.benefitMultiplierPercent) !== 100) benefits.push({ kind: 'multiplier', percent: Number(row.benefitMultiplierPercent) });
  try {
    const table = JSON.parse(row.benefitSpendTiers) as Array<{ fromMinor: number; basisPoints: number }>;
    const current = table.filter((tier) => tier.fromMinor <= lifetimeSpendMinor).at(-1);
    if (current) benefits.push({ kind: 'spend_rate', basisPoints: current.basisPoints });
  } catch {
    // an unreadable table shows no rate
  }
  return benefits;
}

export function periodStart(period: TierView['period'], now: Date, timeZone: string): Date {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return (period === 'calendar_year' ? local.startOf('year') : local.minus({ months: 12 })).toJSDate();
}

export interface MemberStatus {
  tier: TierView | null;
  /** "MM-DD", or null when unknown */
  birthday: string | null;
}

type MemberRow = {
  memberId: string;
  lifetimeSpendMinor: number | bigint;
  birthMonth: number | bigint | null;
  birthDay: number | bigint | null;
  currency: string;
  ianaTimezone: string;
  isMember: number | bigint | boolean;
} & { [K in keyof TierRow]: TierRow[K] | null };

/**
 * The member's tier (null when the shop has no tiers) and birthday; null when the customer is no member.
 * On the storefront's balance read, so one statement (member, shop and every tier with the member's
 * place in it) and a second only when the shop has tiers (the member's spend or points over the period).
 */
export async function readMemberStatusOfCustomer(db: Db, shopId: string, customerGid: string, now: Date): Promise<MemberStatus | null> {
  const client = sqlClientOf(db);
  const rows = await client.query<MemberRow>(sql`
    SELECT m."id" AS "memberId", m."lifetimeSpendMinor" AS "lifetimeSpendMinor", m."birthMonth" AS "birthMonth", m."birthDay" AS "birthDay",
      s."currency" AS "currency", s."ianaTimezone" AS "ianaTimezone",
      g."id" AS "id", g."name" AS "name", g."colour" AS "colour", g."tierRank" AS "tierRank", g."tierMetric" AS "tierMetric", g."tierThreshold" AS "tierThreshold",
      g."tierPeriod" AS "tierPeriod", g."enabled" AS "enabled", g."benefitKind" AS "benefitKind", g."benefitMultiplierPercent" AS "benefitMultiplierPercent",
      g."benefitDiscountPercent" AS "benefitDiscountPercent", g."benefitSpendTiers" AS "benefitSpendTiers",
      CASE WHEN gm."memberId" IS NULL THEN 0 ELSE 1 END AS "isMember"
    FROM "Member" m JOIN "Shop" s ON s."id" = m."shopId"
    LEFT JOIN "CustomerGroup" g ON g."shopId" = m."shopId" AND g."tierRank" IS NOT NULL AND g."archivedAt" IS NULL
    LEFT JOIN "GroupMember" gm ON gm."groupId" = g."id" AND gm."memberId" = m."id"
    WHERE m."shopId" = ${shopId} AND m."shopifyCustomerId" = ${customerGid}
    ORDER BY g."tierRank"`);
  const member = rows[0];
  if (!member) return null;
  const pad = (n: number | bigint) => String(Number(n)).padStart(2, '0');
  const birthday = member.birthMonth !== null && member.birthDay !== null ? `${pad(member.birthMonth)}-${pad(member.birthDay)}` : null;
  const tiers = rows.filter((row): row is MemberRow & TierRow => row.id !== null && (row.enabled === true || Number(row.enabled) === 1));
  return { tier: tiers.length > 0 ? await readTier(db, shopId, member, tiers, now) : null, birthday };
}

async function readTier(db: Db, shopId: string, member: MemberRow, tiers: Array<MemberRow & TierRow>, now: Date): Promise<TierView> {
  const client = sqlClientOf(db);
  const memberId = member.memberId;
  const lifetime = minorUnitsFromColumn(member.lifetimeSpendMinor);
  // A member is in one tier; should two rows exist for a moment, the higher one counts.
  const current = [...tiers].reverse().find((tier) => Number(tier.isMember) === 1) ?? null;
  const next = tiers.find((tier) => Number(tier.tierRank) > Number(current?.tierRank ?? 0)) ?? null;
  const basis = next ?? current!;
  const metric = basis.tierMetric === 'points_earned' ? 'points_earned' : 'spend';
  const period = basis.tierPeriod === 'rolling_12_months' ? 'rolling_12_months' : 'calendar_year';
  const since = periodStart(period, now, member.ianaTimezone);
  const [total] = metric === 'spend'
    ? await client.query<{ total: number | bigint | null }>(sql`
        SELECT SUM("eligibleMinor") AS "total" FROM "OrderRecord"
        WHERE "shopId" = ${shopId} AND "memberId" = ${memberId} AND "paidAt" IS NOT NULL AND "cancelledAt" IS NULL AND "processedAt" >= ${since}`)
    : await client.query<{ total: number | bigint | null }>(sql`
        SELECT SUM("points") AS "total" FROM "LedgerEntry"
        WHERE "shopId" = ${shopId} AND "memberId" = ${memberId} AND "type" = 'earn' AND "status" <> 'voided' AND "createdAt" >= ${since}`);
  const reached = Number(total?.total ?? 0);
  return {
    name: current?.name ?? null,
    colour: current?.colour ?? null,
    benefits: current ? benefitsOf(current, lifetime) : [],
    metric,
    period,
    reached,
    currency: member.currency,
    next: next
      ? { name: next.name, benefits: benefitsOf(next, lifetime), threshold: Number(next.tierThreshold ?? 0), remaining: Math.max(0, Number(next.tierThreshold ?? 0) - reached) }
      : null,
  };
}
