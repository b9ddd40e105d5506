// The shop the chaos run plays with, in the local Shopify simulator: a handful of products whose prices
// earn whole points per unit (a 21% tax included in each price, so 121.00 EUR earns 100 points), one
// bookable service, and customers with e-mail addresses (every message has a recipient).
import { allocateId, type ShopState, type SimCustomer, type SimProduct } from '../simulator/shop-state';
import type { ShopifySimulator } from '../simulator';

export const CHAOS_SHOP = 'chaos-salon.myshopify.com';

/** price in cents, tax included; the points each unit earns at 1 point per euro without tax */
export const CHAOS_PRODUCTS = [
  { title: 'Colour treatment', price: 12_100, service: true },
  { title: 'Styling spray', price: 6_050, service: false },
  { title: 'Shampoo', price: 3_630, service: false },
  { title: 'Hair dryer', price: 24_200, service: false },
] as const;

export function createChaosShop(simulator: ShopifySimulator, customers: number): ShopState {
  const shop = simulator.addShop(CHAOS_SHOP, {
    name: 'Chaos Salon',
    currencyCode: 'EUR',
    ianaTimezone: 'Europe/Amsterdam',
    primaryLocale: 'en',
    giftCardIssueLimit: '2000.00',
  });
  const created = new Date().toISOString();
  for (const spec of CHAOS_PRODUCTS) {
    const id = allocateId(shop);
    const product: SimProduct = {
      id,
      title: spec.title,
      handle: spec.title.toLowerCase().replace(/\W+/g, '-'),
      productType: spec.service ? 'Service' : 'Retail',
      vendor: 'Chaos Salon',
      tags: spec.service ? ['service'] : [],
      isGiftCard: false,
      status: 'ACTIVE',
      createdAt: created,
      updatedAt: created,
      variants: [{ id: allocateId(shop), productId: id, title: 'Default Title', price: spec.price, sku: null }],
      metafields: [],
    };
    shop.products.push(product);
  }
  for (let index = 0; index < customers; index += 1) {
    const customer: SimCustomer = {
      id: allocateId(shop),
      firstName: `Client${index}`,
      lastName: 'Chaos',
      email: `client${index}@chaos.example`,
      phone: null,
      locale: 'en',
      tags: [],
      note: null,
      emailMarketingState: 'NOT_SUBSCRIBED',
      createdAt: created,
      updatedAt: created,
      metafields: [],
    };
    shop.customers.push(customer);
  }
  return shop;
}
