// The vocabulary of customer groups and tiers shared by the domain, the admin API and the jobs.
export const GROUP_KINDS = ['manual', 'automatic'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const BENEFIT_KINDS = ['none', 'bonus', 'discount'] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];

export const TIER_METRICS = ['spend', 'points_earned'] as const;
export type TierMetric = (typeof TIER_METRICS)[number];

export const TIER_PERIODS = ['calendar_year', 'rolling_12_months'] as const;
export type TierPeriod = (typeof TIER_PERIODS)[number];

/** Why a member is in a group (GroupMember.source). */
export const MEMBERSHIP_SOURCES = ['manual', 'rule', 'tier', 'default'] as const;
export type MembershipSource = (typeof MEMBERSHIP_SOURCES)[number];

/** Default "lapsed" horizon (seed 000) and birthday lead time (seed 000: 12 h before). */
export const DEFAULT_LAPSED_DAYS = 30;
export const DEFAULT_BIRTHDAY_LEAD_HOURS = 12;
