import { buildConnection, type ConnectionArgs } from './connection';
import { parseGid, toGid } from './gid';
import {
  customerSearchFields,
  customerView,
  giftCardSearchFields,
  giftCardView,
  money,
  orderSearchFields,
  orderView,
  productSearchFields,
  productView,
  storeCreditAccountView,
  variantView,
} from './graphql-views';
import { locationQueryFields } from './locations';
import { matchesSearch, type SearchableFields } from './search-query';
import { createSegmentAndDiscountQueries } from './segments-and-discounts';
import type { ShopState } from './shop-state';

// Root query fields the simulator implements. Anything else in the schema is answered with a
// NOT_IMPLEMENTED error by the executor's field resolver.

type Args = Record<string, unknown>;

function timezoneAbbreviation(timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? 'UTC';
}

function shopView(shop: ShopState) {
  return {
    __typename: 'Shop',
    id: toGid('Shop', shop.id),
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    shopOwnerName: 'Demo Owner',
    currencyCode: shop.currencyCode,
    enabledPresentmentCurrencies: [shop.currencyCode],
    ianaTimezone: shop.ianaTimezone,
    timezoneAbbreviation: timezoneAbbreviation(shop.ianaTimezone),
    myshopifyDomain: shop.domain,
    url: `https://${shop.domain}`,
    primaryDomain: {
      __typename: 'Domain',
      id: toGid('Domain', shop.id),
      host: shop.domain,
      url: `https://${shop.domain}`,
      sslEnabled: true,
    },
    plan: {
      __typename: 'ShopPlan',
      displayName: shop.planDisplayName,
      publicDisplayName: shop.planDisplayName,
      partnerDevelopment: false,
      shopifyPlus: shop.planDisplayName.toLowerCase().includes('plus'),
    },
  };
}

function filtered<T>(items: readonly T[], query: unknown, fields: (item: T) => SearchableFields): T[] {
  return items.filter((item) => matchesSearch(typeof query === 'string' ? query : null, fields(item)));
}

function count(n: number, limit: unknown) {
  const max = typeof limit === 'number' ? limit : 10_000;
  return { __typename: 'Count', count: Math.min(n, max), precision: n > max ? 'AT_LEAST' : 'EXACT' };
}

function findByGid<T extends { id: number }>(items: readonly T[], gid: unknown, type: string): T | undefined {
  const parsed = typeof gid === 'string' ? parseGid(gid, type) : null;
  return parsed ? items.find((item) => item.id === parsed.id) : undefined;
}

export function createQueryRoot(shop: ShopState): Record<string, (args: Args) => unknown> {
  const nodeById = (gid: unknown): unknown => {
    const parsed = typeof gid === 'string' ? parseGid(gid) : null;
    if (!parsed) return null;
    const lookups: Record<string, () => unknown> = {
      Product: () => root.product!({ id: gid }),
      ProductVariant: () => root.productVariant!({ id: gid }),
      Customer: () => root.customer!({ id: gid }),
      Order: () => root.order!({ id: gid }),
      GiftCard: () => root.giftCard!({ id: gid }),
      StoreCreditAccount: () => root.storeCreditAccount!({ id: gid }),
    };
    return lookups[parsed.type]?.() ?? null;
  };

  const root: Record<string, (args: Args) => unknown> = {
    shop: () => shopView(shop),
    shopLocales: () => [
      { __typename: 'ShopLocale', locale: shop.primaryLocale, name: shop.primaryLocale, primary: true, published: true, marketWebPresences: [] },
    ],
    giftCardConfiguration: () => ({
      __typename: 'GiftCardConfiguration',
      issueLimit: money(shop.giftCardIssueLimit, shop.currencyCode),
      purchaseLimit: money(shop.giftCardPurchaseLimit, shop.currencyCode),
      expirationConfiguration: null,
    }),
    products: (args) =>
      buildConnection(filtered(shop.products, args.query, productSearchFields), args as ConnectionArgs, (p) => p.id, (p) =>
        productView(shop, p),
      ),
    productsCount: (args) => count(filtered(shop.products, args.query, productSearchFields).length, args.limit),
    product: (args) => {
      const product = findByGid(shop.products, args.id, 'Product');
      return product ? productView(shop, product) : null;
    },
    productVariant: (args) => {
      const variant = findByGid(
        shop.products.flatMap((p) => p.variants),
        args.id,
        'ProductVariant',
      );
      return variant ? variantView(shop, variant) : null;
    },
    customers: (args) =>
      buildConnection(filtered(shop.customers, args.query, customerSearchFields), args as ConnectionArgs, (c) => c.id, (c) =>
        customerView(shop, c),
      ),
    customersCount: (args) => count(filtered(shop.customers, args.query, customerSearchFields).length, args.limit),
    customer: (args) => {
      const customer = findByGid(shop.customers, args.id, 'Customer');
      return customer ? customerView(shop, customer) : null;
    },
    orders: (args) =>
      buildConnection(filtered(shop.orders, args.query, orderSearchFields), args as ConnectionArgs, (o) => o.id, (o) =>
        orderView(shop, o),
      ),
    ordersCount: (args) => count(filtered(shop.orders, args.query, orderSearchFields).length, args.limit),
    order: (args) => {
      const order = findByGid(shop.orders, args.id, 'Order');
      return order ? orderView(shop, order) : null;
    },
    giftCards: (args) =>
      buildConnection(filtered(shop.giftCards, args.query, giftCardSearchFields), args as ConnectionArgs, (g) => g.id, (g) =>
        giftCardView(shop, g),
      ),
    giftCardsCount: (args) => count(filtered(shop.giftCards, args.query, giftCardSearchFields).length, args.limit),
    giftCard: (args) => {
      const card = findByGid(shop.giftCards, args.id, 'GiftCard');
      return card ? giftCardView(shop, card) : null;
    },
    storeCreditAccount: (args) => {
      const account = findByGid(shop.storeCreditAccounts, args.id, 'StoreCreditAccount');
      return account ? storeCreditAccountView(shop, account) : null;
    },
    ...locationQueryFields(shop),
    node: (args) => nodeById(args.id),
    nodes: (args) => (Array.isArray(args.ids) ? args.ids.map(nodeById) : []),
    ...createSegmentAndDiscountQueries(shop),
  };
  return root;
}
