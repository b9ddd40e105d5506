// Money lives in state as integer minor units; these helpers convert at the GraphQL/REST edge so no
// float ever holds an amount.

const ZERO_DECIMAL_CURRENCIES = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'HUF', 'TWD', 'UGX', 'XAF', 'XOF']);

export function currencyDecimals(currencyCode: string): number {
  return ZERO_DECIMAL_CURRENCIES.has(currencyCode) ? 0 : 2;
}

/** Parses a Decimal string ("3000.01", "5", "-1") into minor units; null when it is not a number. */
export function parseDecimalToMinor(value: string | number, currencyCode: string): number | null {
  const text = String(value).trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const decimals = currencyDecimals(currencyCode);
  const fraction = (match[3] ?? '').padEnd(decimals, '0');
  // Digits beyond the currency's precision would be silently lost; Shopify rounds, so do we.
  const kept = fraction.slice(0, decimals);
  const roundUp = fraction.length > decimals && Number(fraction[decimals]) >= 5;
  const minor = Number(match[2]) * 10 ** decimals + (kept ? Number(kept) : 0) + (roundUp ? 1 : 0);
  return match[1] ? -minor : minor;
}

/** GraphQL `Decimal` as Shopify prints it: trailing zeros trimmed but at least one decimal ("5.0", "6.12"). */
export function formatGraphqlDecimal(minor: number, currencyCode: string): string {
  const decimals = currencyDecimals(currencyCode);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (decimals === 0) return `${sign}${abs}.0`;
  const whole = Math.floor(abs / 10 ** decimals);
  const fraction = String(abs % 10 ** decimals).padStart(decimals, '0').replace(/0+$/, '');
  return `${sign}${whole}.${fraction || '0'}`;
}

/** REST payloads print money with the currency's full precision ("55.00"). */
export function formatRestDecimal(minor: number, currencyCode: string): string {
  const decimals = currencyDecimals(currencyCode);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (decimals === 0) return `${sign}${abs}`;
  const whole = Math.floor(abs / 10 ** decimals);
  return `${sign}${whole}.${String(abs % 10 ** decimals).padStart(decimals, '0')}`;
}

const SYMBOLS: Record<string, string> = { USD: '$', CAD: '$', AUD: '$', NZD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** The human form Shopify uses inside user-error messages, e.g. "$3,000.00 CAD". */
export function formatMoneyForMessage(minor: number, currencyCode: string): string {
  const decimals = currencyDecimals(currencyCode);
  const amount = (minor / 10 ** decimals).toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return `${SYMBOLS[currencyCode] ?? ''}${amount} ${currencyCode}`;
}
