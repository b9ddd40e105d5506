import { startShopifySimulator, orderWebhookPayload, customerWebhookPayload, type ShopifySimulator } from '../../simulator';

const NOW = new Date('2026-11-20T12:00:00Z');
let sim: ShopifySimulator;

beforeAll(async () => {
  sim = await startShopifySimulator({ apiKey: 'k', apiSecret: 's' });
});
afterAll(() => sim.close());

describe('seedDemoShop', () => {
  it('creates the demo salon with services, retail, a gift card product, 60 customers and 200 orders over 90 days', () => {
    const shop = sim.seedDemoShop(undefined, { now: NOW });
    expect(shop).toMatchObject({ domain: 'demo-salon.myshopify.com', name: 'Demo Salon & Studio', currencyCode: 'EUR', ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'en' });
    expect(shop.products.length).toBeGreaterThanOrEqual(12);
    const services = shop.products.filter((p) => p.productType === 'Service' && p.tags.includes('service'));
    expect(services.length).toBeGreaterThanOrEqual(6);
    expect(shop.products.filter((p) => p.isGiftCard)).toHaveLength(1);
    expect(shop.customers).toHaveLength(60);
    expect(new Set(shop.customers.map((c) => c.locale))).toEqual(new Set(['en', 'nl', 'uk', 'da', 'pl']));
    expect(shop.orders).toHaveLength(200);
    const ninetyDaysAgo = NOW.getTime() - 90 * 24 * 3600 * 1000;
    expect(shop.orders.every((o) => Date.parse(o.createdAt) >= ninetyDaysAgo && Date.parse(o.createdAt) <= NOW.getTime())).toBe(true);
    expect(shop.orders.filter((o) => o.cancelledAt).length).toBeGreaterThan(0);
    expect(shop.orders.filter((o) => o.financialStatus === 'refunded').length).toBeGreaterThan(0);
    expect(shop.orders.filter((o) => o.financialStatus === 'paid').length).toBeGreaterThan(150);
    expect(shop.orders.filter((o) => o.customerId === null).length).toBeGreaterThan(0);
  });

  it('writes appointment properties in the shapes booking apps use, including unparseable ones', () => {
    const names = new Set(sim.shop('demo-salon.myshopify.com').orders.flatMap((o) => o.lineItems.flatMap((l) => l.properties.map((p) => p.name))));
    for (const name of ['Booking date', 'Date', 'Time', 'When', '_appointment_start', '_appointment_end', 'Duration', '_booking_id']) {
      expect(names).toContain(name);
    }
    const values = sim.shop('demo-salon.myshopify.com').orders.flatMap((o) => o.lineItems.flatMap((l) => l.properties.map((p) => p.value)));
    expect(values).toContain('next Tuesday-ish');
    expect(values.some((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(v))).toBe(true);
    expect(values.some((v) => /^\d{2}\/\d{2}\/\d{4}$/.test(v))).toBe(true);
    expect(values.some((v) => / - \d{1,2}:\d{2} [AP]M$/.test(v))).toBe(true);
  });

  it('is deterministic: two seeds with the same clock produce the same data', async () => {
    const other = await startShopifySimulator({ apiKey: 'k', apiSecret: 's' });
    try {
      const a = sim.seedDemoShop('demo-salon.myshopify.com', { now: NOW });
      const b = other.seedDemoShop('demo-salon.myshopify.com', { now: NOW });
      const strip = (shop: typeof a) => ({ products: shop.products, customers: shop.customers, orders: shop.orders });
      expect(strip(b)).toEqual(strip(a));
    } finally {
      await other.close();
    }
  });

  it('produces REST-webhook-shaped order and customer payloads', () => {
    const shop = sim.shop('demo-salon.myshopify.com');
    const order = shop.orders.find((o) => o.customerId !== null && o.lineItems.some((l) => l.properties.length > 0))!;
    const payload = orderWebhookPayload(order, shop);
    expect(payload).toMatchObject({
      id: order.id,
      admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
      name: `#${order.number}`,
      currency: 'EUR',
      refunds: expect.any(Array),
      customer: { id: order.customerId, admin_graphql_api_id: `gid://shopify/Customer/${order.customerId}` },
      total_shipping_price_set: { shop_money: { currency_code: 'EUR' } },
    });
    expect(payload.line_items[0]).toEqual(
      expect.objectContaining({ product_id: expect.any(Number), price: expect.stringMatching(/^\d+\.\d{2}$/), properties: expect.any(Array), tax_lines: expect.any(Array), discount_allocations: expect.any(Array) }),
    );
    expect(customerWebhookPayload(shop.customers[0]!)).toMatchObject({ id: shop.customers[0]!.id, first_name: shop.customers[0]!.firstName });
  });
});
