// The API of the checkout and customer-account extensions (/ext/customer/*, session token) and the
// widget's public rules on the app proxy (/proxy/program), through the real app and the Shopify
// simulator, on both databases.
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';
import { createMemberWithPoints, createReward, createSimulatedShop, proxyRequest } from '../rewards/rewards-fixtures';

/** A checkout / customer-account session token as Shopify signs it (HS256 with the app secret). */
function customerToken(options: { shop: string; customerId?: string; expiresIn?: number; secret?: string; aud?: string; dest?: string; alg?: string }): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: `https://${options.shop}`,
    dest: options.dest ?? options.shop,
    aud: options.aud ?? TEST_API_KEY,
    ...(options.customerId ? { sub: `gid://shopify/Customer/${options.customerId}` } : {}),
    exp: now + (options.expiresIn ?? 300),
    nbf: now - 1,
    iat: now - 1,
    jti: randomUUID(),
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: options.alg ?? 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${input}.${createHmac('sha256', options.secret ?? TEST_API_SECRET).update(input).digest('base64url')}`;
}

describeEachDatabase('customer extension API', (getDb) => {
  let sim: ShopifySimulator;
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };

  beforeAll(async () => {
    sim = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, maximumAvailable: 100_000, restoreRate: 100_000 });
    sim.warmSchema();
    testApp = createTestApp(getDb(), { SHOPIFY_SIMULATOR_URL: sim.url });
    shop = await createSimulatedShop(getDb().prisma, sim);
  });
  afterAll(() => sim.close());

  const get = (path: string, token?: string) => {
    const call = request(testApp.app).get(`/ext/customer${path}`);
    return token ? call.set('Authorization', `Bearer ${token}`) : call;
  };

  it('shows a signed-in customer their balance and rewards with a valid session token', async () => {
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 150);
    await createReward(getDb().prisma, shop.id, { title: 'Cheap', pointsCost: 100 });
    const response = await get('/summary', customerToken({ shop: shop.domain, customerId: member.customerNumericId }));
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.body.signedIn).toBe(true);
    expect(response.body.balance.balance).toBe(150);
    expect(response.body.rewards.find((r: { title: string }) => r.title === 'Cheap')).toMatchObject({ canAfford: true, inStock: true });
    expect(response.body.program).toMatchObject({ currency: 'EUR', pointsPerCurrencyUnit: expect.any(Number) });
  });

  it('accepts a dest given as an https URL as well as a bare shop domain', async () => {
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 10);
    const response = await get('/summary', customerToken({ shop: shop.domain, dest: `https://${shop.domain}`, customerId: member.customerNumericId }));
    expect(response.status).toBe(200);
    expect(response.body.balance.balance).toBe(10);
  });

  it('refuses an expired session token', async () => {
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 10);
    const response = await get('/summary', customerToken({ shop: shop.domain, customerId: member.customerNumericId, expiresIn: -60 }));
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
  });

  it('refuses a forged token: wrong secret, wrong audience, alg none, or a tampered payload', async () => {
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 10);
    const base = { shop: shop.domain, customerId: member.customerNumericId };
    const valid = customerToken(base);
    const [header, , signature] = valid.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ dest: shop.domain, aud: TEST_API_KEY, sub: 'gid://shopify/Customer/1', exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url');
    const forged = [
      customerToken({ ...base, secret: 'not-the-app-secret-000' }),
      customerToken({ ...base, aud: 'another-app' }),
      customerToken({ ...base, alg: 'none' }),
      `${header}.${otherPayload}.${signature}`,
      'not-a-token',
    ];
    for (const token of forged) {
      const response = await get('/summary', token);
      expect(response.status).toBe(401);
    }
    expect((await get('/summary')).status).toBe(401);
  });

  it("answers 404 for a shop that does not use the app, and reads a signed-out buyer's summary without customer data", async () => {
    expect((await get('/summary', customerToken({ shop: 'unknown-shop.myshopify.com', customerId: '1' }))).status).toBe(404);
    const guest = await get('/summary', customerToken({ shop: shop.domain }));
    expect(guest.status).toBe(200);
    expect(guest.body).toMatchObject({ signedIn: false, balance: null, rewards: [] });
    expect((await request(testApp.app).post('/ext/customer/redeem').set('Authorization', `Bearer ${customerToken({ shop: shop.domain })}`).send({ rewardId: 'x', idempotencyKey: randomUUID() })).status).toBe(401);
  });

  it('answers the CORS preflight of an extension without a token', async () => {
    const response = await request(testApp.app).options('/ext/customer/redeem').set('Origin', 'https://extensions.shopifycdn.com').set('Access-Control-Request-Method', 'POST');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-headers']).toMatch(/Authorization/);
  });

  it('redeems for the customer in the token: points deducted once, the code returned and revealable again, idempotent', async () => {
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 300);
    const reward = await createReward(getDb().prisma, shop.id, { pointsCost: 120 });
    const token = customerToken({ shop: shop.domain, customerId: member.customerNumericId });
    const key = randomUUID();
    const first = await request(testApp.app).post('/ext/customer/redeem').set('Authorization', `Bearer ${token}`).send({ rewardId: reward.id, idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(first.body.code).toMatch(/^[A-Za-z0-9]{8,20}$/);
    const again = await request(testApp.app).post('/ext/customer/redeem').set('Authorization', `Bearer ${token}`).send({ rewardId: reward.id, idempotencyKey: key });
    expect(again.status).toBe(200);
    expect(again.body.redemption.id).toBe(first.body.redemption.id);
    const balance = await get('/summary', token);
    expect(balance.body.balance.balance).toBe(180);
    expect(balance.body.redemptions[0]).toMatchObject({ id: first.body.redemption.id, status: 'issued' });
    expect(JSON.stringify(balance.body.redemptions)).not.toContain(first.body.code);
    const reveal = await get(`/redemptions/${first.body.redemption.id}/code`, token);
    expect(reveal.body.code).toBe(first.body.code);
    const status = await get(`/redemptions/${first.body.redemption.id}`, token);
    expect(status.body).toMatchObject({ pending: false, code: first.body.code });

    // Another customer of the same shop cannot read it.
    const other = await createMemberWithPoints(getDb().prisma, sim, shop, 0);
    const otherToken = customerToken({ shop: shop.domain, customerId: other.customerNumericId });
    expect((await get(`/redemptions/${first.body.redemption.id}/code`, otherToken)).status).toBe(404);
  });

  it('refuses a redemption the balance does not cover with INSUFFICIENT_POINTS', async () => {
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 50);
    const reward = await createReward(getDb().prisma, shop.id, { pointsCost: 100 });
    const response = await request(testApp.app).post('/ext/customer/redeem')
      .set('Authorization', `Bearer ${customerToken({ shop: shop.domain, customerId: member.customerNumericId })}`)
      .send({ rewardId: reward.id, idempotencyKey: randomUUID() });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('INSUFFICIENT_POINTS');
  });

  it("tells the order-status block the order's points and when they are credited, for the order's own customer only", async () => {
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 0);
    const orderGid = `gid://shopify/Order/${Date.now()}`;
    const availableAt = new Date(Date.now() + 3 * 3_600_000);
    await getDb().prisma.ledgerEntry.create({
      data: { shopId: shop.id, memberId: member.id, type: 'earn', status: 'pending', points: 42, description: 'Haircut', sourceType: 'line_item', sourceId: 'l1', orderId: orderGid, idempotencyKey: `earn:${randomUUID()}`, availableAt },
    });
    await getDb().prisma.member.update({ where: { id: member.id }, data: { pendingPoints: { increment: 42 } } });
    const token = customerToken({ shop: shop.domain, customerId: member.customerNumericId });
    const response = await get(`/orders/${encodeURIComponent(orderGid)}/points`, token);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ orderId: orderGid, points: 42, status: 'pending', availableAt: availableAt.toISOString(), postedAt: null });
    const byNumber = await get(`/orders/${orderGid.split('/').pop()}/points`, token);
    expect(byNumber.body.points).toBe(42);

    const other = await createMemberWithPoints(getDb().prisma, sim, shop, 0);
    const foreign = await get(`/orders/${encodeURIComponent(orderGid)}/points`, customerToken({ shop: shop.domain, customerId: other.customerNumericId }));
    expect(foreign.body).toMatchObject({ points: 0, status: 'none' });
    expect((await get('/orders/not-an-order/points', token)).status).toBe(400);
    expect((await get(`/orders/${encodeURIComponent(orderGid)}/points`, customerToken({ shop: shop.domain, customerId: member.customerNumericId, expiresIn: -60 }))).status).toBe(401);
  });

  it("serves the programme's public earning rules on the app proxy to guests, with services' fixed points", async () => {
    const product = await getDb().prisma.product.create({ data: { shopId: shop.id, shopifyId: `gid://shopify/Product/${Date.now()}`, title: 'Colour & cut', status: 'ACTIVE' } });
    await getDb().prisma.productLoyalty.create({ data: { shopId: shop.id, productId: product.shopifyId, variantId: '', isService: true, pointsMode: 'fixed', fixedPoints: 75 } });
    const response = await proxyRequest(testApp.app, sim, { path: '/program', shop: shop.domain });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ currency: 'EUR', signedIn: false, creditDelayMinutes: expect.any(Number) });
    expect(response.body.services).toContainEqual({ title: 'Colour & cut', points: 75 });
    expect((await proxyRequest(testApp.app, sim, { path: '/program', shop: shop.domain, forge: true })).status).toBe(401);
  });
});

