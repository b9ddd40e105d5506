// Shopify-managed install: the first request from a shop exchanges its session token for an offline token.
import request from 'supertest';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('managed install with token exchange', (getDb) => {
  let simulator: ShopifySimulator;
  let testApp: ReturnType<typeof createTestApp>;
  const shop = 'studio-noord.myshopify.com';

  beforeAll(async () => {
    simulator = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
    simulator.addShop(shop, { name: 'Studio Noord', currencyCode: 'EUR', ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'nl', giftCardIssueLimit: 500 });
    simulator.seedDemoShop('seeded-demo.myshopify.com');
    testApp = createTestApp(getDb(), { SHOPIFY_SIMULATOR_URL: simulator.url });
  });
  afterAll(async () => simulator.close());

  it('installs a new shop on its first request: offline token stored, shop details recorded, catalogue copied', async () => {
    const response = await request(testApp.app).get('/api/dashboard').set('Authorization', `Bearer ${simulator.mintSessionToken({ shop })}`);
    expect(response.status).toBe(200);
    expect(response.body.shop).toEqual({ name: 'Studio Noord', domain: shop, currency: 'EUR' });
    const stored = await getDb().prisma.shop.findUniqueOrThrow({ where: { domain: shop } });
    expect(stored).toMatchObject({ ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'nl' });
    const session = await getDb().prisma.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
    expect(simulator.accessTokens.get(session.accessToken)?.shop).toBe(shop);
    // A second request does not exchange again.
    const exchanges = simulator.accessTokens.size;
    await request(testApp.app).get('/api/dashboard').set('Authorization', `Bearer ${simulator.mintSessionToken({ shop })}`);
    expect(simulator.accessTokens.size).toBe(exchanges);
  });

  it('copies the catalogue in the background and marks services', async () => {
    const seeded = 'seeded-demo.myshopify.com';
    await request(testApp.app).get('/api/dashboard').set('Authorization', `Bearer ${simulator.mintSessionToken({ shop: seeded })}`).expect(200);
    await processDueTasks(testApp.jobContext());
    const shopRow = await getDb().prisma.shop.findUniqueOrThrow({ where: { domain: seeded } });
    expect(await getDb().prisma.product.count({ where: { shopId: shopRow.id } })).toBe(simulator.shop(seeded).products.length);
    expect(await getDb().prisma.productLoyalty.count({ where: { shopId: shopRow.id, isService: true } })).toBeGreaterThanOrEqual(6);
  });

  it('answers 401, not 500, when Shopify refuses the token exchange (a shop that never installed the app)', async () => {
    const response = await request(testApp.app).get('/api/dashboard').set('Authorization', `Bearer ${simulator.mintSessionToken({ shop: 'stranger.myshopify.com' })}`);
    expect(response.status).toBe(401);
    expect(await getDb().prisma.shop.count({ where: { domain: 'stranger.myshopify.com' } })).toBe(0);
  });
});
