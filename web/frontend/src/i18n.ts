// A deliberately tiny translator: one JSON catalog per admin language, `{name}` placeholders, and
// English as the fallback for any language we do not ship. Kept free of React so it is easy to test.
import da from './locales/da.json';
import en from './locales/en.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';
import uk from './locales/uk.json';

export const SUPPORTED_LOCALES = ['en', 'nl', 'uk', 'da', 'pl'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

type Catalog = typeof en;
type LeafKeys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : LeafKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type TranslationKey = LeafKeys<Catalog>;
export type TranslationVars = Record<string, string | number>;

// Typing every catalog as English's shape makes a missing key a compile error, not a blank label.
const catalogs: Record<SupportedLocale, Catalog> = { en, nl, uk, da, pl };

export interface I18n {
  /** The catalog in use. */
  locale: SupportedLocale;
  /** The admin's full language tag (e.g. `nl-BE`), used for number formatting. */
  formattingLocale: string;
  t(key: TranslationKey, vars?: TranslationVars): string;
  formatNumber(value: number): string;
  /** Money stored as integer minor units (cents, øre, grosze) in `currency`. */
  formatMoney(minor: number, currency: string): string;
  /** What one point is worth when `points` points are worth `valueMinor`: "€0.10", "€0.0167". */
  formatPointValue(valueMinor: number, points: number, currency: string): string;
  /** A fraction such as 0.42 as "42%". */
  formatPercent(fraction: number): string;
  formatDate(value: string | Date | null | undefined): string;
  formatDateTime(value: string | Date | null | undefined): string;
}

/** How many minor units make one major unit of `currency` (100 for EUR, 1 for JPY, 1000 for KWD). */
export function minorUnitsPerMajor(currency: string): number {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return 10 ** digits;
  } catch {
    return 100;
  }
}

function safeFormatter<T>(make: (tag: string) => T, tag: string, fallback: string): T {
  try {
    return make(tag);
  } catch {
    return make(fallback);
  }
}

function toDate(value: string | Date | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function isSupportedLocale(value: string): value is SupportedLocale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag such as `uk-UA` or `nl` to a catalog we ship, or English. */
export function resolveLocale(tag: string | null | undefined): SupportedLocale {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isSupportedLocale(primary) ? primary : 'en';
}

/** An explicit `?locale=` wins (Shopify admin passes it too); then App Bridge's admin locale; then English. */
export function detectLocaleTag(search: string, appBridgeLocale: string | undefined): string {
  const fromUrl = new URLSearchParams(search).get('locale');
  return fromUrl || appBridgeLocale || 'en';
}

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The number behind a value that may already be formatted ("1 250", "1.250"). */
function countOf(value: string | number): number {
  if (typeof value === 'number') return value;
  const digits = value.replace(/[^\d-]/g, '');
  return digits === '' ? NaN : Number(digits);
}

/**
 * `{name}` is replaced by the value; `{name|one:punt|other:punten}` picks the word form for that value
 * by the language's plural rules (Ukrainian and Polish need one/few/many).
 */
function interpolate(template: string, vars: TranslationVars | undefined, plurals: Intl.PluralRules): string {
  if (!vars) return template;
  return template
    .replace(/\{(\w+)\|([^{}]*)\}/g, (match, name: string, body: string) => {
      if (!(name in vars)) return match;
      const forms = new Map(
        body.split('|').map((form) => {
          const colon = form.indexOf(':');
          return [form.slice(0, colon), form.slice(colon + 1)] as const;
        }),
      );
      const count = countOf(vars[name]!);
      const category = Number.isFinite(count) ? plurals.select(count) : 'other';
      return forms.get(category) ?? forms.get('other') ?? '';
    })
    .replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

const englishPlurals = new Intl.PluralRules('en');

export function createI18n(tag: string): I18n {
  const locale = resolveLocale(tag);
  // Keep the region (nl-BE, da-DK) for number formatting only when it belongs to the catalog's language.
  const normalizedTag = tag.trim().replace(/_/g, '-');
  const formattingLocale = normalizedTag.toLowerCase().split('-')[0] === locale ? normalizedTag : locale;
  const plurals = new Intl.PluralRules(locale);
  const numberFormat = safeFormatter((tag) => new Intl.NumberFormat(tag), formattingLocale, locale);
  const percentFormat = safeFormatter((tag) => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }), formattingLocale, locale);
  const dateFormat = safeFormatter((tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium' }), formattingLocale, locale);
  const dateTimeFormat = safeFormatter((tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }), formattingLocale, locale);
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  function moneyFormat(currency: string): Intl.NumberFormat {
    let format = moneyFormats.get(currency);
    if (!format) {
      format = safeFormatter((tag) => new Intl.NumberFormat(tag, { style: 'currency', currency }), formattingLocale, locale);
      moneyFormats.set(currency, format);
    }
    return format;
  }
  return {
    locale,
    formattingLocale,
    t: (key, vars) => {
      const own = lookup(catalogs[locale], key);
      return interpolate(own ?? lookup(catalogs.en, key) ?? key, vars, own === undefined ? englishPlurals : plurals);
    },
    formatNumber: (value) => numberFormat.format(value),
    formatMoney: (minor, currency) => {
      try {
        return moneyFormat(currency).format(minor / minorUnitsPerMajor(currency));
      } catch {
        return `${numberFormat.format(minor / 100)} ${currency}`;
      }
    },
    formatPointValue: (valueMinor, points, currency) => {
      const perMajor = minorUnitsPerMajor(currency);
      const digits = Math.round(Math.log10(perMajor));
      const value = valueMinor / points / perMajor;
      try {
        // Two more decimals than the currency has, only when needed: €0.10, but €0.0167 for €5 / 300 points.
        return new Intl.NumberFormat(formattingLocale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits + 2 }).format(value);
      } catch {
        return `${numberFormat.format(value)} ${currency}`;
      }
    },
    formatPercent: (fraction) => percentFormat.format(fraction),
    formatDate: (value) => {
      const date = toDate(value);
      return date ? dateFormat.format(date) : '—';
    },
    formatDateTime: (value) => {
      const date = toDate(value);
      return date ? dateTimeFormat.format(date) : '—';
    },
  };
}
