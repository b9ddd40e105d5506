import request from 'supertest';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createShop } from '../../fixtures/factories';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('loyalty tab product table', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  const as = async (userId = '1') => `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`;

  beforeAll(async () => {
    const db = getDb();
    testApp = createTestApp(db);
    shop = await createShop(db.prisma);
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'offline', scope: null });
    const products: Array<[number, string, string, boolean]> = [[1, 'Haircut', 'Service', false], [2, 'Massage 60 min', 'Service', false], [3, 'Shampoo', 'Retail', false], [4, 'Gift card', 'Gift card', true]];
    for (const [n, title, productType, isGiftCard] of products) {
      await db.prisma.product.create({ data: { shopId: shop.id, shopifyId: `gid://shopify/Product/${n}`, title, productType, isGiftCard } });
    }
    const auth = await as();
    await request(testApp.app).put('/api/products/1/loyalty').set('Authorization', auth).send({ isService: true, pointsMode: 'fixed', fixedPoints: 50 });
    await request(testApp.app).put('/api/products/3/loyalty').set('Authorization', auth).send({ enabled: false });
  });

  it.each([
    ['all', ['Gift card', 'Haircut', 'Massage 60 min', 'Shampoo']],
    ['enabled', ['Gift card', 'Haircut', 'Massage 60 min']],
    ['disabled', ['Shampoo']],
    ['service', ['Haircut']],
    ['product', ['Gift card', 'Massage 60 min', 'Shampoo']],
  ])('filters %s', async (filter, titles) => {
    const response = await request(testApp.app).get('/api/products').query({ filter }).set('Authorization', await as());
    expect(response.status).toBe(200);
    expect(response.body.items.map((p: { title: string }) => p.title)).toEqual(titles);
  });

  it('shows stored settings or the defaults, searches case-insensitively and pages', async () => {
    const auth = await as();
    const search = await request(testApp.app).get('/api/products').query({ query: 'HAIR' }).set('Authorization', auth);
    expect(search.body.items).toEqual([
      { productId: 'gid://shopify/Product/1', title: 'Haircut', productType: 'Service', vendor: '', isGiftCard: false, status: 'ACTIVE', loyalty: { enabled: true, isService: true, pointsMode: 'fixed', fixedPoints: 50, multiplierPercent: 100 } },
    ]);
    const first = await request(testApp.app).get('/api/products').query({ limit: 3 }).set('Authorization', auth);
    expect(first.body.items).toHaveLength(3);
    const second = await request(testApp.app).get('/api/products').query({ limit: 3, cursor: first.body.nextCursor }).set('Authorization', auth);
    expect(second.body).toMatchObject({ items: [expect.objectContaining({ title: 'Shampoo', loyalty: expect.objectContaining({ enabled: false, pointsMode: 'rate' }) })], nextCursor: null });
    expect((await request(testApp.app).get('/api/products').query({ filter: 'odd' }).set('Authorization', auth)).status).toBe(400);
  });

  it('tells the UI who is signed in', async () => {
    const response = await request(testApp.app).get('/api/me').set('Authorization', await as());
    expect(response.body).toEqual({ userId: '1', name: 'User 1', role: 'owner', adjustLimit: null, locationIds: [], shop: expect.objectContaining({ name: 'Test Studio', currency: 'EUR', locale: 'nl' }) });
  });
});

describeEachDatabase('loyalty tab product search', (getDb) => {
  it('matches %, _ and \\ literally, not as LIKE wildcards', async () => {
    const db = getDb();
    const testApp = createTestApp(db);
    const shop = await createShop(db.prisma);
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'offline', scope: null });
    const titles = ['50% off voucher', 'Hair_wax', 'Back\\slash', 'Plain soap'];
    for (const [n, title] of titles.entries()) {
      await db.prisma.product.create({ data: { shopId: shop.id, shopifyId: `gid://shopify/Product/${n + 1}`, title } });
    }
    const auth = `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId: '1' })}`;
    const search = async (query: string) =>
      (await request(testApp.app).get('/api/products').query({ query }).set('Authorization', auth)).body.items.map((p: { title: string }) => p.title);
    expect(await search('%')).toEqual(['50% off voucher']);
    expect(await search('_')).toEqual(['Hair_wax']);
    expect(await search('\\')).toEqual(['Back\\slash']);
    expect(await search('0% OFF')).toEqual(['50% off voucher']);
  });
});
