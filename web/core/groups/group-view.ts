// Builds the admin API's group answer (web/contracts/groups-api.ts) from a CustomerGroup row.
import type { CustomerGroupView, GroupSpendTier, RuleTree } from '../../contracts/groups-api';
import type { BenefitKind, GroupKind, TierMetric, TierPeriod } from './group-types';

export interface CustomerGroupRow {
  id: string;
  name: string;
  description: string;
  colour: string;
  enabled: boolean;
  kind: string;
  rules: string;
  isDefault: boolean;
  tierRank: number | null;
  tierMetric: string | null;
  tierThreshold: bigint | number | null;
  tierPeriod: string | null;
  benefitKind: string;
  benefitMultiplierPercent: number | null;
  benefitSpendTiers: string;
  benefitDiscountPercent: number | null;
  shopifySyncStatus: string;
  evaluatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function rulesOf(row: Pick<CustomerGroupRow, 'rules'>): RuleTree | null {
  const parsed = parseJson<Partial<RuleTree>>(row.rules, {});
  return parsed && Array.isArray(parsed.conditions) && parsed.conditions.length > 0 ? (parsed as RuleTree) : null;
}

export function toGroupView(row: CustomerGroupRow, memberCount: number): CustomerGroupView {
  const isTier = row.tierRank !== null && row.tierMetric !== null && row.tierPeriod !== null && row.tierThreshold !== null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    colour: row.colour,
    enabled: row.enabled,
    kind: row.kind as GroupKind,
    rules: row.kind === 'automatic' && !isTier ? rulesOf(row) : null,
    isDefault: row.isDefault,
    tier: isTier
      ? { rank: row.tierRank!, metric: row.tierMetric as TierMetric, threshold: Number(row.tierThreshold), period: row.tierPeriod as TierPeriod }
      : null,
    benefit: {
      kind: row.benefitKind as BenefitKind,
      multiplierPercent: row.benefitMultiplierPercent,
      spendTiers: parseJson<GroupSpendTier[]>(row.benefitSpendTiers, []),
      discountPercent: row.benefitDiscountPercent,
    },
    memberCount,
    evaluatedAt: row.evaluatedAt?.toISOString() ?? null,
    shopifySyncStatus: row.shopifySyncStatus,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
