// The /webhooks endpoint answered before Express: what Shopify and a misbehaving sender get back, and
// that nothing is stored for a refused delivery.
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { createTestApp, postWebhook, webhookHmac } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

const SHOP = 'endpoint.myshopify.com';
const REFUSED_SHOP = 'refused.myshopify.com';

describeEachDatabase('webhook endpoint', (getDb) => {
  const storedCount = () => getDb().prisma.webhookDelivery.count({ where: { shopDomain: SHOP } });

  it('stores a signed delivery once and flags the repeat as a duplicate', async () => {
    const { app } = createTestApp(getDb());
    const first = await postWebhook(app, { shop: SHOP, topic: 'orders/paid', payload: { id: 1 }, webhookId: 'w-1' });
    const again = await postWebhook(app, { shop: SHOP, topic: 'orders/paid', payload: { id: 1 }, webhookId: 'w-1' });
    expect([first.status, first.body, first.headers['cache-control']]).toEqual([200, { ok: true, duplicate: false }, 'no-store']);
    expect([again.status, again.body]).toEqual([200, { ok: true, duplicate: true }]);
    expect(await storedCount()).toBe(1);
  });

  it('refuses a wrong signature, bad headers, a NUL byte, a compressed or too large body, storing nothing', async () => {
    const { app } = createTestApp(getDb(), { BODY_LIMIT: '1kb' });
    const wrongSignature = await postWebhook(app, { shop: REFUSED_SHOP, topic: 'orders/paid', payload: { id: 2 }, secret: 'another-secret' });
    const badTopic = await postWebhook(app, { shop: REFUSED_SHOP, topic: 'ORDERS PAID', payload: { id: 3 } });
    const nul = await postWebhook(app, { shop: REFUSED_SHOP, topic: 'orders/paid', rawBody: '{"id":4,"note":"a\u0000b"}' });
    const tooLarge = await postWebhook(app, { shop: REFUSED_SHOP, topic: 'orders/paid', payload: { id: 5, note: 'x'.repeat(2048) } });
    const body = JSON.stringify({ id: 6 });
    const gzipped = await request(app)
      .post('/webhooks')
      .set('Content-Encoding', 'gzip')
      .set('X-Shopify-Topic', 'orders/paid')
      .set('X-Shopify-Shop-Domain', REFUSED_SHOP)
      .set('X-Shopify-Webhook-Id', 'gz-1')
      .set('X-Shopify-Hmac-Sha256', webhookHmac(body))
      .send(gzipSync(body));
    expect([wrongSignature.status, wrongSignature.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    expect([badTopic.status, badTopic.body.error.message]).toEqual([400, 'Webhook headers are missing or malformed.']);
    expect([nul.status, nul.body.error.message]).toEqual([400, 'The webhook body contains a NUL byte.']);
    expect([tooLarge.status, tooLarge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect([gzipped.status, gzipped.body.error.message]).toEqual([415, 'Content-Encoding gzip is not supported for webhooks.']);
    expect(await getDb().prisma.webhookDelivery.count({ where: { shopDomain: REFUSED_SHOP } })).toBe(0);
  });

  it('leaves other methods on the path to the app, which does not serve them', async () => {
    const { app } = createTestApp(getDb());
    const get = await request(app).get('/webhooks');
    expect(get.status).toBe(404);
  });
});
