import type { AdminGraphqlClient } from './admin-graphql-client';

export const SHOP_DETAILS_QUERY = `#graphql
  query ShopDetails {
    shop {
      id
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
    }
    shopLocales(published: true) {
      locale
      primary
    }
  }
`;

interface ShopDetailsData {
  shop: { id: string; name: string; myshopifyDomain: string; currencyCode: string; ianaTimezone: string };
  shopLocales: Array<{ locale: string; primary: boolean }>;
}

export interface ShopDetails {
  name: string;
  domain: string;
  currency: string;
  ianaTimezone: string;
  primaryLocale: string;
}

export async function fetchShopDetails(client: AdminGraphqlClient, shop: string, accessToken: string): Promise<ShopDetails> {
  const { data } = await client.request<ShopDetailsData>(shop, accessToken, SHOP_DETAILS_QUERY);
  return {
    name: data.shop.name,
    domain: data.shop.myshopifyDomain,
    currency: data.shop.currencyCode,
    ianaTimezone: data.shop.ianaTimezone,
    primaryLocale: data.shopLocales.find((locale) => locale.primary)?.locale ?? 'en',
  };
}
