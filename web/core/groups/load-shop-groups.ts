// What group maintenance needs to know about a shop: its time zone, its rule groups (automatic groups
// that are not tiers) and its tier ladder, highest rank first. Disabled and archived groups are left
// alone (their members stay as they are until staff change or delete the group).
import type { SqlExecutor } from '../sql/sql-client';
import { sql, toDate } from '../sql/sql-query';
import { automaticGroupRulesSchema, type GroupRuleTree } from './group-rules';
import { TIER_METRICS, TIER_PERIODS, type TierMetric, type TierPeriod } from './group-types';

export interface RuleGroup {
  id: string;
  name: string;
  rules: GroupRuleTree;
}

export interface TierGroup {
  id: string;
  name: string;
  rank: number;
  metric: TierMetric;
  threshold: number;
  period: TierPeriod;
}

export interface ShopGroups {
  shopId: string;
  zone: string;
  ruleGroups: RuleGroup[];
  /** highest rank first */
  tiers: TierGroup[];
  defaultGroupId: string | null;
  /** the shop's earliest member signup (anniversary rules), read with the groups to save a round trip */
  earliestSignup: Date | null;
}

interface GroupRow {
  id: string;
  name: string;
  kind: string;
  rules: string;
  isDefault: unknown;
  tierRank: number | bigint | null;
  tierMetric: string | null;
  tierThreshold: number | bigint | string | null;
  tierPeriod: string | null;
  zone: string;
  earliestSignup: unknown;
}

const truthy = (value: unknown) => value === true || value === 1 || value === 1n || value === '1' || value === 't';

function parseRules(text: string): GroupRuleTree | null {
  try {
    const parsed = automaticGroupRulesSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function loadShopGroups(tx: SqlExecutor, shopId: string): Promise<ShopGroups> {
  const rows = await tx.query<GroupRow>(sql`
    SELECT g."id", g."name", g."kind", g."rules", g."isDefault", g."tierRank", g."tierMetric", g."tierThreshold", g."tierPeriod", s."ianaTimezone" AS "zone",
      (SELECT MIN(x."createdAt") FROM "Member" x WHERE x."shopId" = s."id") AS "earliestSignup"
    FROM "Shop" s JOIN "CustomerGroup" g ON g."shopId" = s."id"
    WHERE s."id" = ${shopId} AND g."enabled" = TRUE AND g."archivedAt" IS NULL`);
  const zone = rows[0]?.zone ?? 'UTC';
  const ruleGroups: RuleGroup[] = [];
  const tiers: TierGroup[] = [];
  let defaultGroupId: string | null = null;
  for (const row of rows) {
    if (truthy(row.isDefault)) defaultGroupId = row.id;
    if (row.tierRank !== null && row.tierRank !== undefined) {
      const metric = TIER_METRICS.find((m) => m === row.tierMetric);
      const period = TIER_PERIODS.find((p) => p === row.tierPeriod);
      if (metric && period && row.tierThreshold !== null) {
        tiers.push({ id: row.id, name: row.name, rank: Number(row.tierRank), metric, period, threshold: Number(row.tierThreshold) });
      }
      continue;
    }
    if (row.kind !== 'automatic') continue;
    const rules = parseRules(row.rules);
    if (rules) ruleGroups.push({ id: row.id, name: row.name, rules });
  }
  tiers.sort((a, b) => b.rank - a.rank || (a.id < b.id ? -1 : 1));
  const first = rows[0]?.earliestSignup;
  return { shopId, zone, ruleGroups, tiers, defaultGroupId, earliestSignup: first === null || first === undefined ? null : toDate(first) };
}

export async function loadShopZone(tx: SqlExecutor, shopId: string): Promise<string> {
  const [row] = await tx.query<{ zone: string }>(sql`SELECT "ianaTimezone" AS "zone" FROM "Shop" WHERE "id" = ${shopId}`);
  return row?.zone ?? 'UTC';
}

export async function earliestSignup(tx: SqlExecutor, shopId: string): Promise<Date | null> {
  const [row] = await tx.query<{ first: unknown }>(sql`SELECT MIN("createdAt") AS "first" FROM "Member" WHERE "shopId" = ${shopId}`);
  return row?.first === null || row?.first === undefined ? null : toDate(row.first);
}
