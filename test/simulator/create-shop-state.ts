import { parseDecimalToMinor } from './money';
import type { ShopSettings, ShopState } from './shop-state';

// Shop ids only need to be distinct within one simulator; start high so they look like Shopify's.
let nextShopId = 60_000_000_001;

export function createShopState(domain: string, settings: ShopSettings): ShopState {
  const toMinor = (value: number | string): number => {
    const minor = parseDecimalToMinor(value, settings.currencyCode);
    if (minor === null) throw new Error(`invalid money amount ${String(value)}`);
    return minor;
  };
  return {
    domain,
    id: nextShopId++,
    name: settings.name,
    email: settings.email ?? `owner@${domain}`,
    currencyCode: settings.currencyCode,
    ianaTimezone: settings.ianaTimezone,
    primaryLocale: settings.primaryLocale,
    planDisplayName: settings.planDisplayName ?? 'Basic',
    giftCardIssueLimit: toMinor(settings.giftCardIssueLimit),
    giftCardPurchaseLimit: toMinor(settings.giftCardPurchaseLimit ?? settings.giftCardIssueLimit),
    products: [],
    customers: [],
    orders: [],
    giftCards: [],
    storeCreditAccounts: [],
    metafields: [],
    nextId: 1_000_000_001,
  };
}
