import { currencyExponent, normalizeCurrencyCode } from './currency-exponent';
import { assertMinorUnits } from './money';

/**
 * Formats minor units as the plain decimal string Shopify's MoneyInput expects (1099 EUR -> "10.99",
 * 1000 JPY -> "1000", 1234 KWD -> "1.234"). Not for display: no symbol, no grouping, no locale.
 */
export function formatMinorAsDecimal(amountMinor: number, currency: string): string {
  assertMinorUnits(amountMinor);
  const exponent = currencyExponent(normalizeCurrencyCode(currency));
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor));
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/** Whole major units in an amount, truncated toward zero (1099 EUR -> 10). */
export function minorToWholeMajorUnits(amountMinor: number, currency: string): number {
  assertMinorUnits(amountMinor);
  const perMajor = 10 ** currencyExponent(currency);
  // Subtract the remainder first: a plain division can round up to the next integer for amounts
  // near 2^53, and the remainder of two integers is always exact.
  return (amountMinor - (amountMinor % perMajor)) / perMajor;
}

/** Minor units in a whole number of major units (1000 EUR -> 100000, 1000 JPY -> 1000). */
export function majorUnitsToMinor(majorUnits: number, currency: string): number {
  assertMinorUnits(majorUnits, 'majorUnits');
  const minor = majorUnits * 10 ** currencyExponent(currency);
  assertMinorUnits(minor);
  return minor;
}
