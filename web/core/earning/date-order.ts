/** Which part comes first in an all-numeric date such as 03/04/2026. */
export type DateOrder = 'DMY' | 'MDY';

/**
 * The date order a shop's customers most likely typed or saw, from the shop's primary locale.
 * Month-first only for 'en-US' and plain 'en': Shopify gives plain 'en' to most US shops (and to
 * many others), and in the US a month-first reading is the one that matters most; every other
 * locale, including en-GB, en-CA, en-AU, nl, da, pl and uk, reads day-first. Shops where this guess
 * is wrong set `dateOrder` explicitly. Only ambiguous dates depend on it: 26/11/2026 is always
 * 26 November.
 */
export function dateOrderForLocale(locale: string): DateOrder {
  const tag = locale.trim().replace(/_/g, '-').toLowerCase();
  return tag === 'en' || tag === 'en-us' ? 'MDY' : 'DMY';
}
