// Locale-aware rendering of messages: placeholders, plural forms, numbers, money, dates and
// durations through Intl. Holds no text itself, so the storefront widget (whose words Liquid
// renders from the theme extension's locales/) and the UI extensions (whose words are bundled from
// messages.ts) share it without carrying each other's catalogues.
import type { Message, MessageKey } from './messages';

export type Vars = Record<string, string | number>;

export interface Translator {
  locale: string;
  t(key: MessageKey, vars?: Vars): string;
  points(count: number): string;
  number(value: number): string;
  money(amountMinor: number, currency: string): string;
  date(iso: string): string;
  duration(minutes: number): string;
}

/** Minor units per currency from Intl (JPY 0, EUR 2, KWD 3), so money never goes through floats we store. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** A translator over `lookup`, which answers a message (plain or with plural forms) for a key. */
export function createFormatter(locale: string, lookup: (key: MessageKey) => Message, options: { timeZone?: string } = {}): Translator {
  const numberFormat = new Intl.NumberFormat(locale);
  const plural = new Intl.PluralRules(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: options.timeZone });
  const render = (message: Message, vars: Vars): string => {
    const template = typeof message === 'string' ? message : message[plural.select(Number(vars.count ?? 0)) as 'one'] ?? message.other;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars[name];
      return value === undefined ? whole : typeof value === 'number' ? numberFormat.format(value) : value;
    });
  };
  return {
    locale,
    t: (key, vars = {}) => render(lookup(key), vars),
    points: (count) => render(lookup('points'), { count }),
    number: (value) => numberFormat.format(value),
    money(amountMinor, currency) {
      const digits = currencyDigits(currency);
      const whole = amountMinor / 10 ** digits;
      // Whole amounts without ",00" read better in "for every €1 you spend".
      const fraction = Number.isInteger(whole) ? 0 : digits;
      return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: fraction, maximumFractionDigits: digits }).format(whole);
    },
    date: (iso) => dateFormat.format(new Date(iso)),
    duration(minutes) {
      const [value, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
      return new Intl.NumberFormat(locale, { style: 'unit', unit: unit as string, unitDisplay: 'long' }).format(value as number);
    },
  };
}
