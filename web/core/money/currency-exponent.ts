import { validationError } from '../errors/app-error';

// ISO 4217 minor-unit exponents that differ from the usual 2. Listed explicitly because a wrong
// exponent silently multiplies or divides every amount by 100. HUF and TWD stay at their ISO value (2)
// even though they are often shown without decimals: Shopify sends them with two decimals.
const ZERO_DECIMAL = ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'];
const THREE_DECIMAL = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
const FOUR_DECIMAL = ['CLF', 'UYW'];

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...ZERO_DECIMAL.map((code) => [code, 0] as const),
  ...THREE_DECIMAL.map((code) => [code, 3] as const),
  ...FOUR_DECIMAL.map((code) => [code, 4] as const),
]);

/** Upper-cases and checks a currency code; throws VALIDATION for anything that is not three letters. */
export function normalizeCurrencyCode(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(upper)) {
    throw validationError(`"${code}" is not a three-letter ISO 4217 currency code.`);
  }
  return upper;
}

/** Number of decimals in the currency's minor unit (EUR 2, JPY 0, KWD 3). Unknown codes use 2. */
export function currencyExponent(code: string): number {
  return EXPONENTS.get(normalizeCurrencyCode(code)) ?? 2;
}

/** How many minor units make one major unit (EUR 100, JPY 1, KWD 1000). */
export function minorUnitsPerMajor(code: string): number {
  return 10 ** currencyExponent(code);
}
