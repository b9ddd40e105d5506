import { validationError } from '../errors/app-error';
import { currencyExponent, normalizeCurrencyCode } from './currency-exponent';

// Plain decimal only: an optional minus, digits, optionally a dot and digits. No thousands
// separators, exponents or locale commas: Shopify's APIs send amounts in exactly this shape, so
// anything else is a bug upstream and should fail loudly rather than be guessed at.
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string ("10.99") into integer minor units of the currency (1099) using string
 * arithmetic, so no binary floating-point rounding can creep in. Extra decimals are accepted only
 * when they are zeros ("1000.00" JPY -> 1000); "10.995" EUR is rejected rather than rounded.
 */
export function parseMoneyToMinor(amount: string, currency: string): number {
  const code = normalizeCurrencyCode(currency);
  const exponent = currencyExponent(code);
  const match = DECIMAL.exec(amount.trim());
  if (!match) {
    throw validationError(`"${amount}" is not a decimal amount like "10.99".`);
  }
  const [, sign, whole = '', fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) {
    throw validationError(`"${amount}" has more decimals than ${code} allows (${exponent}).`);
  }
  const digits = (whole + significant.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) {
    throw validationError(`"${amount}" is too large to handle exactly.`);
  }
  return sign && minor !== 0 ? -minor : minor;
}
