// Admin API for templates, SMTP settings, consents and the message log, on both databases.
import { MESSAGE_EVENTS, MESSAGE_LANGUAGES } from '../../../web/contracts/messaging-api';
import request from 'supertest';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { outboxSenderFor } from '../../../web/runtime/outbox-sender';
import { sendDueOutboxMessages } from '../../../web/server/messaging/send-outbox';
import { countSmsSegments } from '../../../web/core/messaging/count-sms-segments';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createMember, createShop } from '../../fixtures/factories';
import { addOutboxMessage } from '../../fixtures/outbox-messages';
import { closedPort, startLocalSmtpServer, type LocalSmtpServer } from '../messaging-transport/local-smtp-server';
import { createTestApp, postWebhook, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

const valid = { subject: 'Hi %first_name%', html: '<p>%points% points</p>', text: '%points% points', sms: '' };

describeEachDatabase('messaging admin API', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  let auth: string;
  let smtp: LocalSmtpServer;
  /** the same app as production runs it: shops' SMTP hosts must be public */
  let guardedApp: ReturnType<typeof createTestApp>;

  beforeAll(async () => {
    const db = getDb();
    // The local SMTP server listens on 127.0.0.1: allowed here only through the unsafe test flag.
    testApp = createTestApp(db, { UNSAFE_SMTP_ALLOW_PRIVATE_HOSTS: 'true' });
    guardedApp = createTestApp(db);
    smtp = await startLocalSmtpServer();
    shop = await createShop(db.prisma);
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'offline', scope: null });
  });
  afterAll(async () => smtp.close());
  beforeEach(async () => {
    auth = `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET })}`;
  });
  const api = () => request(testApp.app);

  it('refuses a template with an unknown variable with 400 and the list of allowed ones', async () => {
    const response = await api().put('/api/message-templates/points_credited/en').set('Authorization', auth).send({ ...valid, text: 'You got %bonus% points' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION');
    expect(response.body.error.details.unknownVariables).toEqual(['bonus']);
    expect(response.body.error.details.allowedVariables).toEqual(expect.arrayContaining(['first_name', 'points', 'balance', 'description', 'shop_name']));
    expect(response.body.error.details.allowedVariables).not.toContain('gift_card_code');
  });

  it('lists every event × language, saves a template, and resets it to the shipped default', async () => {
    const put = await api().put('/api/message-templates/points_credited/nl').set('Authorization', auth).send(valid);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ customized: true, template: valid });
    const list = await api().get('/api/message-templates').set('Authorization', auth);
    expect(list.body.items).toHaveLength(MESSAGE_EVENTS.length * MESSAGE_LANGUAGES.length);
    expect(list.body.items.filter((item: { customized: boolean }) => item.customized)).toEqual([expect.objectContaining({ event: 'points_credited', language: 'nl' })]);
    const reset = await api().delete('/api/message-templates/points_credited/nl').set('Authorization', auth);
    expect(reset.body.customized).toBe(false);
    expect(reset.body.template).toEqual(reset.body.defaultTemplate);
    expect((await api().get('/api/message-templates/no_such_event/en').set('Authorization', auth)).status).toBe(404);
  });

  it('previews a draft for a real member, with the SMS segment count', async () => {
    const member = await createMember(getDb().prisma, shop.id, { firstName: 'Оксана' });
    const sms = 'Вітаємо, %first_name%! Ви отримали %points% балів 🎉';
    const response = await api().post('/api/message-templates/points_credited/uk/preview').set('Authorization', auth).send({ template: { ...valid, sms }, memberId: member.id });
    expect(response.status).toBe(200);
    expect(response.body.sms).toBe('Вітаємо, Оксана! Ви отримали 50 балів 🎉');
    expect(response.body.smsSegments).toEqual(countSmsSegments(response.body.sms));
    expect(response.body.smsSegments.encoding).toBe('UCS-2');
    const latin = await api().post('/api/message-templates/points_credited/en/preview').set('Authorization', auth).send({ template: { ...valid, sms: 'x'.repeat(161) } });
    expect(latin.body.smsSegments).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
  });

  it('stores the SMTP password encrypted, never shows it, and sends a test e-mail through the shop\'s server', async () => {
    const put = await api().put('/api/settings/smtp').set('Authorization', auth).send({ host: '127.0.0.1', port: smtp.port, secure: false, user: '', password: 's3cret-pass', fromAddress: 'Salon <salon@example.com>' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ source: 'shop', passwordSet: true, password: '••••••••' });
    expect(JSON.stringify((await api().get('/api/settings/smtp').set('Authorization', auth)).body)).not.toContain('s3cret');
    const row = await getDb().prisma.shopSmtpSettings.findUniqueOrThrow({ where: { shopId: shop.id } });
    expect(row.passwordEncrypted).toMatch(/^v1:/);
    expect(row.passwordEncrypted).not.toContain('s3cret');

    // A password but no user: sent without AUTH, which the local server does not offer.
    const test = await api().post('/api/settings/smtp/test').set('Authorization', auth).send({ to: 'owner@example.com' });
    expect(test.body).toMatchObject({ ok: true, response: expect.stringMatching(/^250/) });
    expect(smtp.received.at(-1)).toMatchObject({ from: 'salon@example.com', to: ['owner@example.com'] });

    await api().put('/api/settings/smtp').set('Authorization', auth).send({ host: '127.0.0.1', port: await closedPort(), secure: false, fromAddress: 'salon@example.com' });
    const down = await api().post('/api/settings/smtp/test').set('Authorization', auth).send({ to: 'owner@example.com' });
    expect(down.body).toMatchObject({ ok: false, failure: { kind: 'connection', retryable: true } });
    expect((await api().get('/api/settings/smtp').set('Authorization', auth)).body.passwordSet).toBe(true);
    expect((await api().delete('/api/settings/smtp').set('Authorization', auth)).body.source).toBe('app');
  });

  it.each(['127.0.0.1', 'localhost', '10.1.2.3', '192.168.0.10', '172.16.5.5', '169.254.169.254', '[::1]', '[fd00:ec2::254]', '0.0.0.0'])(
    "refuses a shop's SMTP server at %s for the test, before connecting, whatever the port",
    async (host) => {
      const guarded = () => request(guardedApp.app);
      const answers = [];
      for (const port of [smtp.port, await closedPort()]) {
        expect((await guarded().put('/api/settings/smtp').set('Authorization', auth).send({ host, port, secure: false, fromAddress: 'salon@example.com' })).status).toBe(200);
        const received = smtp.received.length;
        const test = await guarded().post('/api/settings/smtp/test').set('Authorization', auth).send({ to: 'owner@example.com' });
        expect(smtp.received.length).toBe(received);
        answers.push({ status: test.status, body: test.body });
      }
      expect(answers[0]).toEqual(answers[1]);
      expect(answers[0]).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION', message: expect.stringMatching(/not a public address/) } } });
      await guarded().delete('/api/settings/smtp').set('Authorization', auth);
    },
  );

  it("does not send a shop's messages through its SMTP server on a private address: failed for good, nothing sent", async () => {
    const db = getDb();
    const guarded = () => request(guardedApp.app);
    await guarded().put('/api/settings/smtp').set('Authorization', auth).send({ host: '127.0.0.1', port: smtp.port, secure: false, fromAddress: 'salon@example.com' });
    const member = await createMember(db.prisma, shop.id);
    const message = await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id });
    const received = smtp.received.length;
    await sendDueOutboxMessages(outboxSenderFor(guardedApp.runtime), { now: () => new Date(Date.now() + 1000) });
    expect(smtp.received.length).toBe(received);
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/not a public address/);
    await guarded().delete('/api/settings/smtp').set('Authorization', auth);
  });

  it('allows at most five consent types and keeps every staff change in the member\'s history', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const created = await api().post('/api/consent-types').set('Authorization', auth).send({ key: `consent_${i}`, name: `Consent ${i}`, purpose: 'News', kind: i === 5 ? 'transactional_optout' : 'marketing' });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    const sixth = await api().post('/api/consent-types').set('Authorization', auth).send({ key: 'consent_6', name: 'Six' });
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.details).toEqual({ max: 5 });

    const member = await createMember(getDb().prisma, shop.id);
    await api().post(`/api/members/${member.id}/consents`).set('Authorization', auth).send({ consentTypeId: ids[0], granted: true, note: 'asked at the desk' });
    const after = await api().post(`/api/members/${member.id}/consents`).set('Authorization', auth).send({ consentTypeId: ids[0], granted: false });
    expect(after.status).toBe(200);
    expect(after.body.consents[0]).toMatchObject({ consentTypeId: ids[0], granted: false, answered: true, source: 'staff' });
    expect(after.body.consents[4]).toMatchObject({ kind: 'transactional_optout', granted: true, answered: false });
    expect(after.body.history.map((entry: { granted: boolean }) => entry.granted)).toEqual([false, true]);
    expect((await api().delete(`/api/consent-types/${ids[0]}`).set('Authorization', auth)).status).toBe(409);
    expect((await api().delete(`/api/consent-types/${ids[1]}`).set('Authorization', auth)).status).toBe(204);
  });

  it('records Shopify\'s e-mail marketing consent from customers/update as source shopify, once per change', async () => {
    const db = getDb();
    const other = await createShop(db.prisma);
    const customer = { id: 777001, email: 'mila@example.com', first_name: 'Mila', last_name: 'K', email_marketing_consent: { state: 'subscribed', opt_in_level: 'single_opt_in', consent_updated_at: '2026-03-01T10:00:00Z' } };
    for (let i = 0; i < 2; i += 1) {
      expect((await postWebhook(testApp.app, { shop: other.domain, topic: 'customers/update', payload: customer })).status).toBe(200);
    }
    await processDueTasks(testApp.jobContext());
    const member = await db.prisma.member.findFirstOrThrow({ where: { shopId: other.id } });
    const history = await db.prisma.memberConsentEvent.findMany({ where: { memberId: member.id } });
    expect(history).toEqual([expect.objectContaining({ granted: true, source: 'shopify', detail: 'subscribed / single_opt_in', occurredAt: new Date('2026-03-01T10:00:00Z') })]);
    const type = await db.prisma.consentType.findFirstOrThrow({ where: { shopId: other.id } });
    expect(type).toMatchObject({ key: 'email_marketing', kind: 'marketing', channel: 'email' });
  });

  it('lists the message log newest first, filtered and paged', async () => {
    const db = getDb();
    const member = await createMember(db.prisma, shop.id);
    for (let i = 0; i < 3; i += 1) await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id, createdAt: new Date(Date.UTC(2026, 0, 1 + i)) });
    await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id, event: 'welcome', createdAt: new Date(Date.UTC(2026, 0, 10)) });
    const page = await api().get('/api/messages').query({ memberId: member.id, event: 'points_credited', pageSize: 2, page: 1 }).set('Authorization', auth);
    expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page.body.items.map((item: { createdAt: string }) => item.createdAt)).toEqual(['2026-01-03T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
    const ranged = await api().get('/api/messages').query({ memberId: member.id, from: '2026-01-02', to: '2026-01-10', status: 'pending' }).set('Authorization', auth);
    expect(ranged.body.total).toBe(2);
    expect((await api().get('/api/messages').query({ status: 'lost' }).set('Authorization', auth)).status).toBe(400);
  });
});
