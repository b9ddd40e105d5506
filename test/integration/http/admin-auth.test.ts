import { SignJWT } from 'jose';
import request from 'supertest';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createShop } from '../../fixtures/factories';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('admin API authentication and tenancy', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shopA: { id: string; domain: string };
  let shopB: { id: string; domain: string };
  const token = (shop: string, overrides: Partial<{ apiKey: string; apiSecret: string; ttlSeconds: number; now: Date }> = {}) =>
    mintSessionToken({ shop, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, ...overrides });

  beforeAll(async () => {
    const db = getDb();
    testApp = createTestApp(db);
    shopA = await createShop(db.prisma, { name: 'Studio A' });
    shopB = await createShop(db.prisma, { name: 'Studio B' });
    for (const shop of [shopA, shopB]) await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: `token-${shop.domain}`, scope: 'read_orders' });
    await db.prisma.member.create({ data: { shopId: shopB.id, shopifyCustomerId: 'gid://shopify/Customer/1', balance: 0 } });
  });

  it('answers a valid session token with the data of its own shop only', async () => {
    const response = await request(testApp.app).get('/api/dashboard').set('Authorization', `Bearer ${await token(shopA.domain)}`);
    expect(response.status).toBe(200);
    expect(response.body.shop.name).toBe('Studio A');
    expect(response.body.counts.members).toBe(0);
    const other = await request(testApp.app).get('/api/dashboard').set('Authorization', `Bearer ${await token(shopB.domain)}`);
    expect(other.body).toMatchObject({ shop: { name: 'Studio B' }, counts: { members: 1 } });
  });

  it.each([
    ['no Authorization header', async () => undefined],
    ['a token signed with another secret', async () => token(shopA.domain, { apiSecret: 'someone-elses-secret' })],
    ['an expired token', async () => token(shopA.domain, { now: new Date(Date.now() - 3600_000), ttlSeconds: 60 })],
    ['a token for another app (wrong audience)', async () => token(shopA.domain, { apiKey: 'other-app' })],
    ['a malformed token', async () => 'not.a.jwt'],
  ])('rejects %s with 401', async (_label, makeToken) => {
    const value = await makeToken();
    const call = request(testApp.app).get('/api/dashboard');
    const response = value ? await call.set('Authorization', `Bearer ${value}`) : await call;
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
  });

  it('does not accept the token as a query parameter or cookie', async () => {
    const value = await token(shopA.domain);
    expect((await request(testApp.app).get(`/api/dashboard?id_token=${value}`)).status).toBe(401);
    expect((await request(testApp.app).get('/api/dashboard').set('Cookie', `token=${value}`)).status).toBe(401);
  });

  it('has no demo endpoints (session tokens, test bookings) outside demo mode', async () => {
    expect((await request(testApp.app).get('/demo/session-token')).status).toBe(404);
    expect((await request(testApp.app).post('/demo/orders').send({ productId: 1 })).status).toBe(404);
  });

  it('serves /healthz with the database kind and status', async () => {
    const response = await request(testApp.app).get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', database: { kind: getDb().kind, status: 'up' } });
  });

  it('answers unknown API routes with a JSON 404 and bad JSON with a 400, never a stack trace', async () => {
    const auth = `Bearer ${await token(shopA.domain)}`;
    const missing = await request(testApp.app).get('/api/nothing-here').set('Authorization', auth);
    expect(missing.status).toBe(404);
    const bad = await request(testApp.app).patch('/api/settings/program').set('Authorization', auth).set('Content-Type', 'application/json').send('{"oops":');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts/);
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await request(testApp.app)
      .patch('/api/settings/program')
      .set('Authorization', `Bearer ${await token(shopA.domain)}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect(response.status).toBe(413);
  });

  /** A token signed with the app's secret and audience, with the claims given (as extensions get them). */
  const signed = (claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ dest: `https://${shopA.domain}`, ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setAudience(TEST_API_KEY)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 60)
      .sign(new TextEncoder().encode(TEST_API_SECRET));
  };

  it.each([
    ['a customer-account token (sub = Customer GID, no /admin issuer, no sid)', { iss: 'https://shop-a.myshopify.com', sub: 'gid://shopify/Customer/7' }],
    ['a token with a Customer GID sub even with an admin issuer and sid', { iss: 'ADMIN', sid: 'abc', sub: 'gid://shopify/Customer/7' }],
    ['a token without sid', { iss: 'ADMIN', sub: '5' }],
    ['a token without sub', { iss: 'ADMIN', sid: 'abc' }],
    ['a token issued by another shop\'s admin', { iss: 'https://other-shop.myshopify.com/admin', sid: 'abc', sub: '5' }],
  ])('refuses %s as staff, creating no staff member', async (_label, claims) => {
    const iss = claims.iss === 'ADMIN' ? `https://${shopA.domain}/admin` : claims.iss;
    const staffBefore = await getDb().prisma.staffMember.count({ where: { shopId: shopA.id } });
    const response = await request(testApp.app).get('/api/members').set('Authorization', `Bearer ${await signed({ ...claims, iss })}`);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
    expect(await getDb().prisma.staffMember.count({ where: { shopId: shopA.id } })).toBe(staffBefore);
  });

  it('accepts a token shaped like App Bridge\'s (admin issuer, sid, numeric user)', async () => {
    const token = await signed({ iss: `https://${shopA.domain}/admin`, sid: 'abc', sub: '5' });
    expect((await request(testApp.app).get('/api/members').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });

  it('answers a body with 50,000 unknown keys with a short validation error', async () => {
    const body = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`key${i}`, 1]));
    const response = await request(testApp.app)
      .patch('/api/settings/program')
      .set('Authorization', `Bearer ${await token(shopA.domain)}`)
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION');
    expect(response.text.length).toBeLessThan(10_000);
  });

  it('sends X-Content-Type-Options: nosniff on API, storefront, webhook, error and health answers', async () => {
    const answers = await Promise.all([
      request(testApp.app).get('/api/dashboard').set('Authorization', `Bearer ${await token(shopA.domain)}`),
      request(testApp.app).get('/api/dashboard'),
      request(testApp.app).get('/healthz'),
      request(testApp.app).get('/proxy/balance'),
      request(testApp.app).get('/proxy/history'),
      request(testApp.app).post('/webhooks').send('{}'),
      request(testApp.app).get('/no-such-page'),
    ]);
    for (const answer of answers) expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });
});
