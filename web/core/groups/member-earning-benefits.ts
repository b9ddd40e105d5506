// The earning side of a group's "bonus" benefit (seed 001's loyalty type): an earn multiplier, or the
// group's own spend-tier table in place of the shop's. GroupMember rows say who is in which group;
// this reads them for a whole set of members in one statement, so the set-based order path
// (apply-order-batch.ts) pays one query per batch, not one per order.
//
// A member in several bonus groups gets the most generous of each: the highest multiplier, and of the
// spend-tier tables the one whose tier for the member's current spend has the highest rate. Both may
// apply at once (a tier table from one group, a multiplier from another). Disabled and archived groups
// give nothing.
import type { SpendTier } from '../earning/program-settings-schema';
import { pickSpendTier } from '../earning/spend-tiers';
import type { SqlExecutor } from '../sql/sql-client';
import { sql, sqlList } from '../sql/sql-query';
import { inChunks } from '../orders/order-rows';

export interface MemberEarningBenefit {
  /** 100 = none */
  multiplierPercent: number;
  /** every spend-tier table of the member's bonus groups (usually none or one) */
  spendTierTables: SpendTier[][];
}

export const NO_EARNING_BENEFIT: MemberEarningBenefit = { multiplierPercent: 100, spendTierTables: [] };

interface BenefitRow {
  memberId: string;
  multiplierPercent: number | bigint | null;
  spendTiers: string;
  enabled: boolean | number | bigint;
}

function parseTable(json: string): SpendTier[] {
  try {
    const table = JSON.parse(json) as SpendTier[];
    return Array.isArray(table) ? table.filter((tier) => Number.isSafeInteger(tier.fromMinor) && Number.isSafeInteger(tier.basisPoints)) : [];
  } catch {
    return [];
  }
}

/** The bonus benefits of each member that has any (members without one are absent from the map). */
export async function loadMemberEarningBenefits(tx: SqlExecutor, memberIds: readonly string[]): Promise<Map<string, MemberEarningBenefit>> {
  const benefits = new Map<string, MemberEarningBenefit>();
  const ids = [...new Set(memberIds)];
  if (ids.length === 0) return benefits;
  const rows = await inChunks(ids, 500, (chunk) => tx.query<BenefitRow>(sql`
    SELECT gm."memberId" AS "memberId", g."benefitMultiplierPercent" AS "multiplierPercent", g."benefitSpendTiers" AS "spendTiers", g."enabled" AS "enabled"
    FROM "GroupMember" gm JOIN "CustomerGroup" g ON g."id" = gm."groupId"
    WHERE gm."memberId" IN ${sqlList(chunk)} AND g."benefitKind" = 'bonus' AND g."archivedAt" IS NULL`));
  for (const row of rows) {
    if (!(row.enabled === true || Number(row.enabled) === 1)) continue;
    const benefit = benefits.get(row.memberId) ?? { multiplierPercent: 100, spendTierTables: [] };
    if (row.multiplierPercent !== null && Number(row.multiplierPercent) > benefit.multiplierPercent) benefit.multiplierPercent = Number(row.multiplierPercent);
    const table = parseTable(row.spendTiers);
    if (table.length > 0) benefit.spendTierTables.push(table);
    benefits.set(row.memberId, benefit);
  }
  return benefits;
}

/** Of the member's group tables, the one paying the highest rate at this lifetime spend; null = none. */
export function bestSpendTierTable(tables: readonly SpendTier[][], lifetimeSpendMinor: number, currency: string): SpendTier[] | null {
  let best: SpendTier[] | null = null;
  let bestRate = -1;
  for (const table of tables) {
    const rate = pickSpendTier(table, lifetimeSpendMinor, currency).basisPoints;
    if (rate > bestRate) [best, bestRate] = [table, rate];
  }
  return best;
}
