// The JSON shapes and limits of the admin API's customer groups and tiers (SPEC F8, issue 15):
// /api/groups*, a member's groups (/api/members/:id/groups) and the group filter of the members list
// and the points report. Type-only (and plain constants): the admin bundle imports this file without
// zod; the server's schemas (web/core/groups/group-input-schema.ts) are built from the same limits.

export const GROUP_LIMITS = {
  nameLength: 80,
  descriptionLength: 500,
  /** bonus: the group's earn multiplier, 100 = x1, 1000 = x10 */
  multiplierPercent: { min: 100, max: 1000 },
  /** discount: percent off at checkout and in POS */
  discountPercent: { min: 1, max: 100 },
  /** tiers per shop */
  maxTiers: 10,
  /** members added or removed in one request (a selection, a search result) */
  maxMembersPerChange: 500,
  /** rows of one CSV import */
  maxCsvRows: 5000,
} as const;

export type GroupKindName = 'manual' | 'automatic';
export type BenefitKindName = 'none' | 'bonus' | 'discount';
export type TierMetricName = 'spend' | 'points_earned';
export type TierPeriodName = 'calendar_year' | 'rolling_12_months';
export type MembershipSourceName = 'manual' | 'rule' | 'tier' | 'default';

// The rule tree of an automatic group, as the admin sends and reads it (mirrors the zod schema of
// web/core/groups/group-rules.ts, which checks at compile time that the two agree).
export type RuleComparison = 'gt' | 'gte' | 'lt' | 'lte';
export type RuleWindow = { type: 'lifetime' } | { type: 'rolling_days'; days: number } | { type: 'calendar_year' };
export type RuleCondition =
  | { kind: 'spend'; window: RuleWindow; op: RuleComparison; amountMinor: number }
  | { kind: 'visits'; window: RuleWindow; op: RuleComparison; count: number }
  | { kind: 'last_visit'; when: 'within_days' | 'more_than_days_ago'; days: number }
  | { kind: 'birthday'; withinHours: number }
  | { kind: 'signup_anniversary'; withinHours: number }
  | { kind: 'visited_location'; locationId: string }
  | { kind: 'redeemed_reward'; rewardId: string }
  | { kind: 'consent'; consentTypeKey: string; granted: boolean }
  | { kind: 'shopify_tag'; tag: string }
  | { kind: 'points_balance'; op: RuleComparison; points: number }
  | { kind: 'points_earned'; window: RuleWindow; op: RuleComparison; points: number };
export type RuleConditionKind = RuleCondition['kind'];
export interface RuleTree {
  combinator: 'and' | 'or';
  conditions: Array<RuleCondition | RuleTree>;
}

export const RULE_CONDITION_KINDS: RuleConditionKind[] = [
  'spend', 'visits', 'last_visit', 'birthday', 'signup_anniversary', 'visited_location', 'redeemed_reward', 'consent', 'shopify_tag', 'points_balance', 'points_earned',
];

export interface GroupSpendTier {
  fromMinor: number;
  basisPoints: number;
}

export interface GroupTierSettings {
  /** 1 = the entry tier */
  rank: number;
  metric: TierMetricName;
  /** minor units of the shop currency (spend) or points (points_earned) */
  threshold: number;
  period: TierPeriodName;
}

export interface GroupBenefit {
  kind: BenefitKindName;
  /** bonus: earn multiplier (150 = x1.5); null = none */
  multiplierPercent: number | null;
  /** bonus: the group's own spend-tier table; [] = none */
  spendTiers: GroupSpendTier[];
  /** discount: percent off */
  discountPercent: number | null;
}

/** A group as the admin reads it (GET /api/groups, /api/groups/:id). */
export interface CustomerGroupView {
  id: string;
  name: string;
  description: string;
  colour: string;
  enabled: boolean;
  kind: GroupKindName;
  /** automatic groups that are not tiers; null otherwise */
  rules: RuleTree | null;
  isDefault: boolean;
  tier: GroupTierSettings | null;
  benefit: GroupBenefit;
  /** current members, counted when read */
  memberCount: number;
  evaluatedAt: string | null;
  shopifySyncStatus: string;
  createdAt: string;
  updatedAt: string;
}

/** The body of POST /api/groups (PATCH /api/groups/:id takes any subset but `kind`). */
export interface GroupInput {
  name: string;
  description?: string;
  colour?: string;
  enabled?: boolean;
  kind: GroupKindName;
  rules?: RuleTree | null;
  isDefault?: boolean;
  /** makes an automatic group a tier, appended after the highest one; null (PATCH) = no longer a tier */
  tier?: { metric: TierMetricName; threshold: number; period: TierPeriodName } | null;
  benefit?: Partial<GroupBenefit> & { kind: BenefitKindName };
}

/** PUT /api/groups/tiers: every current tier, lowest first, with its threshold; one metric and period for all. */
export interface TierOrderInput {
  metric: TierMetricName;
  period: TierPeriodName;
  tiers: Array<{ groupId: string; threshold: number }>;
}

export interface GroupListResponse {
  items: CustomerGroupView[];
}

/** GET /api/groups/stats?from&to: figures per group over the period (members and points: now). */
export interface GroupStats {
  groupId: string;
  /** current members */
  members: number;
  /** paid, not cancelled orders of the current members in the period */
  visits: number;
  /** their amount (the order's eligible amount, minor units) */
  revenueMinor: number;
  /** revenue / visits, rounded half up; 0 without visits */
  averageOrderMinor: number;
  /** the current members' posted balances */
  pointsBalance: number;
  /** pointsBalance in money at the shop's point value; null while points have no money value */
  liabilityMinor: number | null;
}

export interface GroupStatsResponse {
  from: string;
  to: string;
  currency: string;
  items: GroupStats[];
}

/** POST /api/groups/:id/members, POST /api/groups/:id/members/remove */
export interface MembershipChangeResult {
  /** members whose membership changed */
  changed: number;
  /** members already in (add) or already out (remove): nothing written */
  unchanged: number;
  memberCount: number;
}

/** One row of a CSV import (POST /api/groups/:id/members/import). */
export interface GroupImportRow {
  line: number;
  customer: string;
  memberId: string | null;
  memberName: string | null;
  /** already a member: applying changes nothing for this row */
  alreadyMember: boolean;
  error: string | null;
}

export interface GroupImportResult {
  rows: GroupImportRow[];
  valid: boolean;
  applied: boolean;
  /** members added by the apply (0 on a dry run) */
  added: number;
}

export interface MemberGroupView {
  groupId: string;
  name: string;
  colour: string;
  kind: GroupKindName;
  source: MembershipSourceName | string;
  joinedAt: string;
  /** tiers: kept until then even if no longer qualified */
  keepUntil: string | null;
  tierRank: number | null;
}

export interface MembershipEventView {
  id: string;
  groupId: string;
  groupName: string;
  change: 'joined' | 'left' | string;
  reason: string;
  detail: string;
  occurredAt: string;
}

/** GET /api/members/:id/groups */
export interface MemberGroupsResponse {
  groups: MemberGroupView[];
  /** the member's current tier, if any */
  tier: MemberGroupView | null;
  /** newest first */
  history: MembershipEventView[];
}
