import { majorUnitsToMinor } from '../money/format-money';
import type { SpendTier } from './program-settings-schema';

/**
 * Seed 001's table: 2% below 1000, 3% from 1000 up to and including 3000, 5% above 3000 (currency
 * units of lifetime spend). A tier's fromMinor is inclusive, so "above 3000" starts one minor unit
 * past 3000: exactly 3000.00 still earns 3%, 3000.01 earns 5%.
 */
export function defaultSpendTiers(currency: string): SpendTier[] {
  return [
    { fromMinor: 0, basisPoints: 200 },
    { fromMinor: majorUnitsToMinor(1000, currency), basisPoints: 300 },
    { fromMinor: majorUnitsToMinor(3000, currency) + 1, basisPoints: 500 },
  ];
}

/**
 * The tier for a member whose lifetime spend is `lifetimeSpendMinor`: the last one that starts at or
 * below it. An empty table means the default table.
 */
export function pickSpendTier(tiers: readonly SpendTier[], lifetimeSpendMinor: number, currency: string): SpendTier {
  const table = tiers.length > 0 ? tiers : defaultSpendTiers(currency);
  let picked = table[0] ?? { fromMinor: 0, basisPoints: 0 };
  for (const tier of table) {
    if (tier.fromMinor <= lifetimeSpendMinor) picked = tier;
  }
  return picked;
}
