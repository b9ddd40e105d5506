// The bulk messages admin API on both databases: roles (staff 403), the preview's recipients, segments and
// cost, the confirmation step and validation, the test send, per-event channels, the demo inbox and the
// retry of a failed message.
import request from 'supertest';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { seedBulkAudience } from '../../fixtures/bulk-audience';
import { startLocalSmtpServer, type LocalSmtpServer } from '../messaging-transport/local-smtp-server';
import { decodeHeader, parseMime } from '../messaging-transport/parse-mime';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';
import { createSimulatedShop } from '../rewards/rewards-fixtures';
import { addOutboxMessage } from '../../fixtures/outbox-messages';

describeEachDatabase('bulk messages API', (getDb) => {
  let sim: ShopifySimulator;
  let smtp: LocalSmtpServer;
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  let groupId: string;
  const as = async (userId: string) => `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`;
  const content = {
    nl: { subject: 'Lente bij %shop_name%', html: '<p>Hoi %first_name%</p>', text: 'Hoi %first_name%', sms: 'Hoi %first_name%, lente bij ons!' },
    uk: { subject: 'Весна', html: '<p>Привіт, %first_name%</p>', text: 'Привіт, %first_name%', sms: 'Привіт, %first_name%! Весняні знижки в нашому салоні: приходьте цього тижня!! 🎉' },
  };
  const draft = () => ({ name: 'Spring', audience: { allMembers: false, groupIds: [groupId] }, channels: 'both', content });

  beforeAll(async () => {
    sim = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
    smtp = await startLocalSmtpServer({ rejectRecipients: ['nobody@example.com'] });
    testApp = createTestApp(getDb(), { SHOPIFY_SIMULATOR_URL: sim.url, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
    shop = await createSimulatedShop(getDb().prisma, sim);
    // The first user of a shop is its owner; the next ones are staff. User 3 becomes a manager.
    for (const user of ['1', '2', '3']) await request(testApp.app).get('/api/me').set('Authorization', await as(user)).expect(200);
    await getDb().prisma.staffMember.updateMany({ where: { shopId: shop.id, userId: '3' }, data: { role: 'manager' } });
    const audience = await seedBulkAudience(getDb(), shop.id, { count: 40, withoutConsent: 10, phones: true });
    groupId = audience.groupId;
  });
  afterAll(async () => {
    await sim.close();
    await smtp.close();
  });

  it('refuses staff (403) on every bulk message route and lets a manager send, with an audit row', async () => {
    const staff = await as('2');
    expect((await request(testApp.app).get('/api/bulk-messages').set('Authorization', staff)).status).toBe(403);
    expect((await request(testApp.app).post('/api/bulk-messages/preview').set('Authorization', staff).send({ ...draft(), language: 'nl' })).status).toBe(403);
    expect((await request(testApp.app).post('/api/bulk-messages').set('Authorization', staff).send({ ...draft(), confirm: true })).status).toBe(403);
    expect(await getDb().prisma.bulkMessage.count({ where: { shopId: shop.id } })).toBe(0);

    const created = await request(testApp.app).post('/api/bulk-messages').set('Authorization', await as('3')).send({ ...draft(), confirm: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'scheduled', channels: 'both', groupIds: [groupId] });
    const audit = await getDb().prisma.staffAction.findMany({ where: { shopId: shop.id, action: 'bulk-message.create' } });
    expect(audit).toEqual([expect.objectContaining({ userId: '3', target: created.body.id })]);
    const list = await request(testApp.app).get('/api/bulk-messages').set('Authorization', await as('1'));
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);
    const cancelled = await request(testApp.app).post(`/api/bulk-messages/${created.body.id}/cancel`).set('Authorization', await as('3'));
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('requires the confirmation step and refuses bad content with 400, storing nothing', async () => {
    const manager = await as('3');
    const before = await getDb().prisma.bulkMessage.count({ where: { shopId: shop.id } });
    expect((await request(testApp.app).post('/api/bulk-messages').set('Authorization', manager).send(draft())).status).toBe(400);
    const tooLong = { ...draft(), confirm: true, content: { nl: { ...content.nl, sms: 'x'.repeat(301) } } };
    const refused = await request(testApp.app).post('/api/bulk-messages').set('Authorization', manager).send(tooLong);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('301 characters');
    const unknownGroup = await request(testApp.app).post('/api/bulk-messages').set('Authorization', manager).send({ ...draft(), confirm: true, audience: { allMembers: false, groupIds: ['nope'] } });
    expect(unknownGroup.status).toBe(400);
    expect(await getDb().prisma.bulkMessage.count({ where: { shopId: shop.id } })).toBe(before);
  });

  it('previews per language with the recipients after consent and channel filtering, the segments and the estimated cost', async () => {
    const owner = await as('1');
    await request(testApp.app).put('/api/settings/sms-pricing').set('Authorization', owner).send({ pricePerSegmentMinor: 101, currency: 'UAH' }).expect(200);
    const uk = await request(testApp.app).post('/api/bulk-messages/preview').set('Authorization', await as('3')).send({ ...draft(), language: 'uk' });
    expect(uk.status).toBe(200);
    expect(uk.body).toMatchObject({
      language: 'uk', subject: 'Весна', sms: 'Привіт, Anna! Весняні знижки в нашому салоні: приходьте цього тижня!! 🎉',
      smsSegments: { encoding: 'UCS-2', characters: 72, segments: 2 },
      recipients: { audience: 40, email: 30, sms: 30, reachable: 30, skipped: { NO_MARKETING_CONSENT: 10 } },
      cost: { segments: 60, pricePerSegment: { amountMinor: 101, currency: 'UAH' }, total: { amountMinor: 6060, currency: 'UAH' } },
      problems: [],
    });
    const nl = await request(testApp.app).post('/api/bulk-messages/preview').set('Authorization', await as('3')).send({ ...draft(), channels: 'email', language: 'nl' });
    expect(nl.body).toMatchObject({ subject: 'Lente bij Test Studio', html: '<p>Hoi Anna</p>', cost: { segments: 0 } });
  });

  it('sends a test to the address given, rendered for a sample member', async () => {
    smtp.received.length = 0;
    const sent = await request(testApp.app).post('/api/bulk-messages/test').set('Authorization', await as('3')).send({ ...draft(), language: 'nl', to: 'maria@example.com' });
    expect(sent.body).toEqual({ ok: true });
    expect(smtp.received).toHaveLength(1);
    expect(decodeHeader(parseMime(smtp.received[0]!.raw).headers.get('subject') ?? '')).toBe('[Test] Lente bij Test Studio');
  });

  it('lets the owner choose the channels of an event (staff 403) and refuses SMS for an event without SMS text', async () => {
    expect((await request(testApp.app).put('/api/message-channels/points_credited').set('Authorization', await as('2')).send({ channels: 'both' })).status).toBe(403);
    const saved = await request(testApp.app).put('/api/message-channels/points_credited').set('Authorization', await as('1')).send({ channels: 'both' });
    expect(saved.status).toBe(200);
    expect(saved.body.items).toContainEqual({ event: 'points_credited', channels: 'both' });
    for (const language of ['en', 'nl', 'uk', 'da', 'pl']) {
      const current = await request(testApp.app).get(`/api/message-templates/welcome/${language}`).set('Authorization', await as('1'));
      await request(testApp.app).put(`/api/message-templates/welcome/${language}`).set('Authorization', await as('1')).send({ ...current.body.template, sms: '' }).expect(200);
    }
    const refused = await request(testApp.app).put('/api/message-channels/welcome').set('Authorization', await as('1')).send({ channels: 'sms' });
    expect(refused.status).toBe(400);
    expect((await request(testApp.app).put('/api/message-channels/welcome').set('Authorization', await as('1')).send({ channels: 'fax' })).status).toBe(400);
  });

  it('retries a failed message (staff may), refuses to retry one that was sent or skipped, and shows the reason', async () => {
    const db = getDb();
    const member = await db.prisma.member.findFirstOrThrow({ where: { shopId: shop.id } });
    const failed = await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id });
    await db.prisma.outboxMessage.update({ where: { id: failed.id }, data: { status: 'failed', attempts: 8, lastError: 'recipient_rejected: 550 No such user' } });
    const log = await request(testApp.app).get('/api/messages?status=failed').set('Authorization', await as('2'));
    expect(log.body.items).toContainEqual(expect.objectContaining({ id: failed.id, lastError: 'recipient_rejected: 550 No such user' }));
    const retried = await request(testApp.app).post(`/api/messages/${failed.id}/retry`).set('Authorization', await as('2'));
    expect(retried.status).toBe(200);
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await db.prisma.staffAction.count({ where: { shopId: shop.id, action: 'message.retry', target: failed.id } })).toBe(1);
    expect((await request(testApp.app).post(`/api/messages/${failed.id}/retry`).set('Authorization', await as('2'))).status).toBe(409);
    expect((await request(testApp.app).post('/api/messages/unknown/retry').set('Authorization', await as('2'))).status).toBe(404);
  });

  it('lists the demo inbox newest first and opens one message with its HTML', async () => {
    const db = getDb();
    await db.prisma.caughtMessage.create({ data: { shopId: shop.id, channel: 'email', recipient: 'anna@example.com', subject: 'Hoi', html: '<p>Hoi Anna</p>', text: 'Hoi Anna' } });
    const list = await request(testApp.app).get('/api/caught-messages').set('Authorization', await as('2'));
    expect(list.body.items[0]).toMatchObject({ recipient: 'anna@example.com', subject: 'Hoi', html: '' });
    const one = await request(testApp.app).get(`/api/caught-messages/${list.body.items[0].id}`).set('Authorization', await as('2'));
    expect(one.body.html).toBe('<p>Hoi Anna</p>');
  });
});
