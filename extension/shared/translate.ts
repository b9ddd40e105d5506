// Picks the customer's language and renders messages. Numbers, money, dates and durations go through
// Intl so each locale gets its own separators, plural forms and month names.
import { catalogues, SUPPORTED_LOCALES, type Message, type MessageKey, type SupportedLocale } from './messages';

export type Vars = Record<string, string | number>;

/** "pl-PL", "pt_BR", "nl" -> a supported language, English when we do not ship it. */
export function resolveLocale(...candidates: Array<string | null | undefined>): SupportedLocale {
  for (const candidate of candidates) {
    const language = (candidate ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
    if ((SUPPORTED_LOCALES as readonly string[]).includes(language)) return language as SupportedLocale;
  }
  return 'en';
}

function interpolate(template: string, vars: Vars, numberFormat: Intl.NumberFormat): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numberFormat.format(value) : value;
  });
}

export interface Translator {
  locale: SupportedLocale;
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

export function createTranslator(locale: SupportedLocale, options: { timeZone?: string } = {}): Translator {
  const catalogue = catalogues[locale];
  const numberFormat = new Intl.NumberFormat(locale);
  const plural = new Intl.PluralRules(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(options.timeZone ? { timeZone: options.timeZone } : {}) });

  const render = (message: Message, vars: Vars): string => {
    if (typeof message === 'string') return interpolate(message, vars, numberFormat);
    const count = Number(vars.count ?? 0);
    const category = plural.select(count) as keyof typeof message;
    return interpolate(message[category] ?? message.other, vars, numberFormat);
  };

  const translator: Translator = {
    locale,
    t: (key, vars = {}) => render(catalogue[key] ?? catalogues.en[key], vars),
    points: (count) => render(catalogue.points, { count }),
    number: (value) => numberFormat.format(value),
    money(amountMinor, currency) {
      const digits = currencyDigits(currency);
      const whole = amountMinor / 10 ** digits;
      // Whole amounts without ",00" read better in "for every €1 you spend".
      const fraction = Number.isInteger(whole) ? 0 : digits;
      return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: fraction, maximumFractionDigits: digits }).format(whole);
    },
    date(iso) {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
    },
    duration(minutes) {
      const [value, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
      return new Intl.NumberFormat(locale, { style: 'unit', unit: unit as string, unitDisplay: 'long' }).format(value as number);
    },
  };
  return translator;
}
