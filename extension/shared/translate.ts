// The UI extensions' translator: the customer's language picked from what Shopify reports, over the
// catalogues of messages.ts (the storefront widget gets its words from Liquid instead).
import { catalogues, SUPPORTED_LOCALES, type SupportedLocale } from './messages';
import { createFormatter, type Translator } from './format';

export { currencyDigits, type Translator, type Vars } from './format';

/** "pl-PL", "pt_BR", "nl" -> a supported language, English when we do not ship it. */
export function resolveLocale(...candidates: Array<string | null | undefined>): SupportedLocale {
  for (const candidate of candidates) {
    const language = (candidate ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
    if ((SUPPORTED_LOCALES as readonly string[]).includes(language)) return language as SupportedLocale;
  }
  return 'en';
}

export function createTranslator(locale: SupportedLocale, options: { timeZone?: string } = {}): Translator {
  const catalogue = catalogues[locale];
  return createFormatter(locale, (key) => catalogue[key] ?? catalogues.en[key], options);
}
