// Server-side role checks on rewards and messaging settings, and partial changes that keep the rest.
import request from 'supertest';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';
import { createSimulatedShop } from '../rewards/rewards-fixtures';

describeEachDatabase('role checks on rewards and messaging settings', (getDb) => {
  let sim: ShopifySimulator;
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  const as = async (userId: string) => `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`;

  beforeAll(async () => {
    sim = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
    testApp = createTestApp(getDb(), { SHOPIFY_SIMULATOR_URL: sim.url });
    shop = await createSimulatedShop(getDb().prisma, sim);
    await saveOfflineSession(getDb().prisma, { shop: shop.domain, accessToken: sim.issueAccessToken(shop.domain), scope: null });
    // The first user of a shop is its owner; the next one is staff.
    await request(testApp.app).get('/api/me').set('Authorization', await as('1')).expect(200);
    await request(testApp.app).get('/api/me').set('Authorization', await as('2')).expect(200);
  });
  afterAll(async () => sim.close());

  const reward = { title: 'Gift card €10', valueMinor: 1000, currency: 'EUR', pointsCost: 100, stockLimit: 5, expiresAfterDays: 365, perCustomerLimit: 2 };

  it('lets staff read rewards but not create, change or remove them (403)', async () => {
    const staff = await as('2');
    expect((await request(testApp.app).get('/api/rewards').set('Authorization', staff)).status).toBe(200);
    expect((await request(testApp.app).post('/api/rewards').set('Authorization', staff).send(reward)).status).toBe(403);
    const created = await request(testApp.app).post('/api/rewards').set('Authorization', await as('1')).send(reward);
    expect(created.status).toBe(201);
    expect((await request(testApp.app).patch(`/api/rewards/${created.body.reward.id}`).set('Authorization', staff).send({ enabled: false })).status).toBe(403);
    expect((await request(testApp.app).delete(`/api/rewards/${created.body.reward.id}`).set('Authorization', staff)).status).toBe(403);
  });

  it('keeps every other setting of a reward when a PATCH changes one', async () => {
    const owner = await as('1');
    const created = await request(testApp.app).post('/api/rewards').set('Authorization', owner).send(reward);
    const patched = await request(testApp.app).patch(`/api/rewards/${created.body.reward.id}`).set('Authorization', owner).send({ enabled: false });
    expect(patched.status).toBe(200);
    expect(patched.body.reward).toMatchObject({ enabled: false, stockLimit: 5, expiresAfterDays: 365, perCustomerLimit: 2, pointsCost: 100 });
  });

  it('lets only the owner change templates, SMTP settings and consent types', async () => {
    const staff = await as('2');
    const template = { subject: 'Hi %first_name%', html: '<p>Hi</p>', text: 'Hi', sms: '' };
    expect((await request(testApp.app).put('/api/message-templates/welcome/en').set('Authorization', staff).send(template)).status).toBe(403);
    expect((await request(testApp.app).put('/api/settings/smtp').set('Authorization', staff).send({ host: 'smtp.example.com', port: 587, secure: false, fromAddress: 'a@example.com' })).status).toBe(403);
    expect((await request(testApp.app).post('/api/consent-types').set('Authorization', staff).send({ key: 'newsletter', name: 'Newsletter' })).status).toBe(403);
    const created = await request(testApp.app).post('/api/consent-types').set('Authorization', await as('1')).send({ key: 'newsletter', name: 'Newsletter', purpose: 'Monthly news', required: true });
    expect(created.status).toBe(201);
    const renamed = await request(testApp.app).patch(`/api/consent-types/${created.body.id}`).set('Authorization', await as('1')).send({ name: 'News' });
    expect(renamed.body).toMatchObject({ name: 'News', purpose: 'Monthly news', required: true });
  });
});
