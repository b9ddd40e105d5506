// What the outstanding points are worth in money, for the liability figure.
// Decision: a point is worth 1% of the spend that earns it. The programme gives pointsPerCurrencyUnit
// points per whole currency unit, so one point = 0.01 unit / pointsPerCurrencyUnit; at the default
// (1 point per EUR 1) 100 points = EUR 1.00, i.e. a 1% reward rate, the common loyalty benchmark.
// Computed in integer minor units with the currency's exponent (JPY 0, EUR 2, KWD 3), rounded half up.
import { minorUnitsPerMajor } from '../money/currency-exponent';

export function liabilityMinorUnits(points: number, pointsPerCurrencyUnit: number, currency: string): number {
  if (points <= 0) return 0;
  const perPoint = minorUnitsPerMajor(currency); // minor units per 100 points at 1 point per unit
  const denominator = 100 * Math.max(1, pointsPerCurrencyUnit);
  return Math.floor((points * perPoint + denominator / 2) / denominator);
}
