import { validationError } from '../errors/app-error';
import { normalizeCurrencyCode } from './currency-exponent';

/** An amount of money: integer minor units (cents, yen, fils) and the ISO 4217 code they belong to. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export function money(amountMinor: number, currency: string): Money {
  assertMinorUnits(amountMinor, 'amountMinor');
  return { amountMinor, currency: normalizeCurrencyCode(currency) };
}

/** Minor units must be safe integers: a fraction means a float leaked in somewhere upstream. */
export function assertMinorUnits(value: number, what = 'amount'): void {
  if (!Number.isSafeInteger(value)) {
    throw validationError(`${what} must be a whole number of minor units, got ${value}.`);
  }
}
