import type { RoundingMode } from './program-settings-schema';

/**
 * numerator / denominator rounded to a whole number of points, in bigint so that no product of
 * amount, rate and multipliers can lose precision. "nearest" rounds halves up (10.50 -> 11), the
 * rule customers expect from a receipt. Both arguments must be non-negative, denominator positive.
 */
export function roundRatio(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError('roundRatio expects numerator >= 0 and denominator > 0');
  switch (mode) {
    case 'down':
      return numerator / denominator;
    case 'up':
      return (numerator + denominator - 1n) / denominator;
    case 'nearest':
      return (2n * numerator + denominator) / (2n * denominator);
  }
}

/** A ratio as a short decimal for explanations: 1099/100 -> "10.99", 1/3 -> "0.3333…". */
export function formatRatio(numerator: bigint, denominator: bigint, maxDecimals = 4): string {
  const whole = numerator / denominator;
  let remainder = numerator % denominator;
  let decimals = '';
  while (remainder !== 0n && decimals.length < maxDecimals) {
    remainder *= 10n;
    decimals += String(remainder / denominator);
    remainder %= denominator;
  }
  return `${whole}${decimals ? `.${decimals}` : ''}${remainder !== 0n ? '…' : ''}`;
}
