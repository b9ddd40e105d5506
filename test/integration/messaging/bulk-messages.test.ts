// Bulk messages and SMS channels end to end on both databases: fan-out into outbox rows, the sender over
// a real SMTP server (smtp-server in-process) and a local Twilio-speaking SMS provider.
import { fanOutBulkMessagesJob } from '../../../jobs/fan-out-bulk-messages';
import { sendOutboxJob } from '../../../jobs/send-outbox';
import { createBulkMessage, getBulkMessage, cancelBulkMessage } from '../../../web/core/bulk-messages/bulk-message-store';
import { createBulkMessageSchema } from '../../../web/core/bulk-messages/bulk-message-input';
import { claimDueBulkMessage, fanOutBulkMessage } from '../../../web/core/bulk-messages/fan-out-bulk-message';
import { postDueCredits } from '../../../web/core/ledger/post-due-credits';
import { setEventChannels } from '../../../web/core/messaging/event-channels-store';
import { outboxSenderFor } from '../../../web/runtime/outbox-sender';
import { sendDueOutboxMessages } from '../../../web/server/messaging/send-outbox';
import type { StaffIdentity } from '../../../web/core/staff/staff-roles';
import { seedBulkAudience } from '../../fixtures/bulk-audience';
import { createMember, createShop } from '../../fixtures/factories';
import { startLocalSmtpServer, type LocalSmtpServer } from '../messaging-transport/local-smtp-server';
import { decodeHeader, parseMime } from '../messaging-transport/parse-mime';
import { startFakeTwilioServer, type FakeTwilioServer } from '../../support/fake-twilio-server';
import { createTestApp, type TestApp } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

jest.setTimeout(180_000);

const manager: StaffIdentity = { userId: '7', name: 'Maria', role: 'manager', adjustLimit: null, locationIds: [] };
const TWILIO = { accountSid: 'AC00000000000000000000000000000001', authToken: 'fake-token' };

function draft(overrides: Record<string, unknown> = {}) {
  return createBulkMessageSchema.parse({
    name: 'Spring offer',
    audience: { allMembers: true, groupIds: [] },
    channels: 'email',
    content: {
      nl: { subject: 'Lente bij %shop_name%', html: '<p>Hoi %first_name%, je hebt %balance% punten.</p>', text: 'Hoi %first_name%, je hebt %balance% punten.', sms: 'Hoi %first_name%! Lente bij %shop_name%.' },
      uk: { subject: 'Весна в %shop_name%', html: '<p>Привіт, %first_name%!</p>', text: 'Привіт, %first_name%!', sms: 'Привіт, %first_name%! Весна в %shop_name%.' },
    },
    confirm: true,
    ...overrides,
  });
}

describeEachDatabase('bulk messages', (getDb) => {
  let smtp: LocalSmtpServer;
  let twilio: FakeTwilioServer;
  let app: TestApp;

  beforeAll(async () => {
    smtp = await startLocalSmtpServer();
    twilio = await startFakeTwilioServer(TWILIO);
    app = createTestApp(getDb(), {
      SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'Loyalty <loyalty@test.example>',
      SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: TWILIO.accountSid, TWILIO_AUTH_TOKEN: TWILIO.authToken, TWILIO_FROM: '+3197010000000', TWILIO_BASE_URL: twilio.url,
      BULK_FAN_OUT_CHUNK: '1500', OUTBOX_BATCH_SIZE: '500',
    });
  });
  afterAll(async () => {
    await sendOutboxJob.dispose?.(app.jobContext());
    await smtp.close();
    await twilio.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    twilio.received.length = 0;
  });

  async function runToTheEnd(now = () => new Date()) {
    await fanOutBulkMessagesJob.run(app.jobContext(now));
    const sent = await sendOutboxJob.run(app.jobContext(now));
    await fanOutBulkMessagesJob.run(app.jobContext(now));
    return sent;
  }

  it('sends to a 10,000-member group where 3,000 have no consent: 7,000 sent, 3,000 skipped with the reason', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { name: 'Studio Zon' });
    const audience = await seedBulkAudience(db, shop.id, { count: 10_000, withoutConsent: 3_000 });
    const message = await createBulkMessage(db, shop.id, manager, draft({ audience: { allMembers: false, groupIds: [audience.groupId] } }), new Date());

    await runToTheEnd();

    const detail = await getBulkMessage(db.prisma, shop.id, message.id);
    expect(detail.status).toBe('done');
    expect(detail.stats).toEqual({ total: 10_000, queued: 0, sent: 7_000, failed: 0, skipped: 3_000, reasons: { NO_MARKETING_CONSENT: 3_000 } });
    expect(smtp.received).toHaveLength(7_000);
    const recipients = new Set(smtp.received.map((mail) => mail.to[0]));
    expect(recipients.size).toBe(7_000);
    expect(recipients.has(`${audience.memberIdOf(3_000)}@example.com`)).toBe(false);
    expect(recipients.has(`${audience.memberIdOf(3_001)}@example.com`)).toBe(true);
    // Every fifth member reads Ukrainian; the others get the shop's Dutch.
    const uk = smtp.received.find((mail) => mail.to[0] === `${audience.memberIdOf(5_000)}@example.com`)!;
    expect(decodeHeader(parseMime(uk.raw).headers.get('subject') ?? '')).toBe('Весна в Studio Zon');
    const nl = smtp.received.find((mail) => mail.to[0] === `${audience.memberIdOf(5_001)}@example.com`)!;
    expect(parseMime(nl.raw).text).toContain('Hoi Member, je hebt 0 punten.');
  });

  it('sends the SMS of a bulk message through the Twilio API, e-mail and SMS each once, and skips members without a phone', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { name: 'Studio Zon' });
    const audience = await seedBulkAudience(db, shop.id, { count: 20, withoutConsent: 5, phones: true });
    const noPhone = await createMember(db.prisma, shop.id, { firstName: 'Lena', email: 'lena@example.com' });
    await db.prisma.groupMember.create({ data: { groupId: audience.groupId, memberId: noPhone.id, shopId: shop.id, source: 'manual', joinedAt: new Date() } });
    await db.prisma.memberConsent.create({ data: { memberId: noPhone.id, consentTypeId: audience.consentTypeId, shopId: shop.id, granted: true, source: 'staff', occurredAt: new Date(), eventId: 'e1' } });
    const message = await createBulkMessage(db, shop.id, manager, draft({ channels: 'both', audience: { allMembers: false, groupIds: [audience.groupId] } }), new Date());

    await runToTheEnd();

    const detail = await getBulkMessage(db.prisma, shop.id, message.id);
    expect(detail.stats).toMatchObject({ total: 42, sent: 31, failed: 0, skipped: 11, reasons: { NO_MARKETING_CONSENT: 10, NO_PHONE_NUMBER: 1 } });
    expect(smtp.received).toHaveLength(16);
    expect(twilio.received).toHaveLength(15);
    expect(new Set(twilio.received.map((sms) => sms.to)).size).toBe(15);
    expect(twilio.received[0]).toMatchObject({ accountSid: TWILIO.accountSid, from: '+3197010000000' });
    const ukrainian = twilio.received.find((sms) => sms.to === '+316110000010')!;
    expect(ukrainian.body).toBe('Привіт, Member! Весна в Studio Zon.');
    const sms = await db.prisma.outboxMessage.findFirstOrThrow({ where: { bulkMessageId: message.id, memberId: audience.memberIdOf(10), channel: 'sms' } });
    expect(JSON.parse(sms.providerResponse!)).toMatchObject({ provider: 'twilio', segments: 1, id: expect.stringMatching(/^SM/) });
    const rows = await db.prisma.outboxMessage.findMany({ where: { bulkMessageId: message.id, memberId: audience.memberIdOf(10) } });
    expect(rows.map((row) => row.idempotencyKey).sort()).toEqual([`bulk:${message.id}:${audience.memberIdOf(10)}:email`, `bulk:${message.id}:${audience.memberIdOf(10)}:sms`]);
  });

  it('queues an SMS next to the e-mail for an event whose channel is "both", and sends it through the provider', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { name: 'Studio Zon', primaryLocale: 'en' });
    const member = await createMember(db.prisma, shop.id, { email: 'anna@example.com' });
    await db.prisma.member.update({ where: { id: member.id }, data: { phone: '+31612345678' } });
    await setEventChannels(db.prisma, shop.id, 'points_credited', 'both');
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    await db.prisma.ledgerEntry.create({
      data: { shopId: shop.id, memberId: member.id, type: 'earn', status: 'pending', points: 40, description: 'Haircut', sourceType: 'line_item', sourceId: 'l1', idempotencyKey: `earn:${member.id}`, availableAt: new Date(now.getTime() - 1000) },
    });
    await postDueCredits(db, { now });
    const rows = await db.prisma.outboxMessage.findMany({ where: { shopId: shop.id }, orderBy: { channel: 'asc' } });
    expect(rows.map((row) => [row.channel, row.idempotencyKey.endsWith(':sms')])).toEqual([['email', false], ['sms', true]]);
    expect(rows.every((row) => row.runAt.getTime() === now.getTime())).toBe(true);

    const result = await sendDueOutboxMessages(outboxSenderFor(app.runtime), { now: () => now });
    expect(result).toMatchObject({ sent: 2, failed: 0 });
    expect(twilio.received).toEqual([expect.objectContaining({ to: '+31612345678', body: expect.stringContaining("you've earned 40 points") })]);
    expect(smtp.received).toHaveLength(1);
  });

  it('queues only the SMS for an event whose channel is "sms", and only the e-mail when nothing was chosen', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const a = await createMember(db.prisma, shop.id);
    const other = await createShop(db.prisma);
    const b = await createMember(db.prisma, other.id);
    await setEventChannels(db.prisma, shop.id, 'points_credited', 'sms');
    const now = new Date();
    for (const [shopId, memberId] of [[shop.id, a.id], [other.id, b.id]] as const) {
      await db.prisma.ledgerEntry.create({
        data: { shopId, memberId, type: 'earn', status: 'pending', points: 5, description: 'Cut', sourceType: 'line_item', sourceId: memberId, idempotencyKey: `earn:${memberId}`, availableAt: new Date(now.getTime() - 1000) },
      });
    }
    await postDueCredits(db, { now });
    expect((await db.prisma.outboxMessage.findMany({ where: { shopId: shop.id } })).map((row) => row.channel)).toEqual(['sms']);
    expect((await db.prisma.outboxMessage.findMany({ where: { shopId: other.id } })).map((row) => row.channel)).toEqual(['email']);
  });

  it('records messages as not sent (no e-mail server, no SMS provider), never as failed, when none is set up', async () => {
    const db = getDb();
    const bare = createTestApp(db);
    const shop = await createShop(db.prisma);
    await seedBulkAudience(db, shop.id, { count: 5, withoutConsent: 0, phones: true });
    const message = await createBulkMessage(db, shop.id, manager, draft({ channels: 'both' }), new Date());
    await fanOutBulkMessagesJob.run(bare.jobContext());
    await sendDueOutboxMessages(outboxSenderFor(bare.runtime), {});
    const detail = await getBulkMessage(db.prisma, shop.id, message.id);
    expect(detail.stats).toMatchObject({ sent: 0, failed: 0, skipped: 10, reasons: { NO_EMAIL_SERVER: 5, NO_SMS_PROVIDER: 5 } });
  });

  it('catches e-mail and SMS in demo mode (no e-mail server, no SMS provider) and counts them as sent', async () => {
    const db = getDb();
    const demo = createTestApp(db);
    const shop = await createShop(db.prisma);
    await seedBulkAudience(db, shop.id, { count: 3, withoutConsent: 0, phones: true });
    const message = await createBulkMessage(db, shop.id, manager, draft({ channels: 'both' }), new Date());
    await fanOutBulkMessagesJob.run(demo.jobContext());
    await sendDueOutboxMessages({ ...outboxSenderFor(demo.runtime), catcher: true }, {});
    const caught = await db.prisma.caughtMessage.findMany({ where: { shopId: shop.id } });
    expect(caught).toHaveLength(6);
    expect(caught.find((row) => row.channel === 'email')).toMatchObject({ subject: 'Lente bij Test Studio', html: expect.stringContaining('<p>Hoi Member') });
    expect(smtp.received).toHaveLength(0);
    expect(twilio.received).toHaveLength(0);
    expect((await getBulkMessage(db.prisma, shop.id, message.id)).stats).toMatchObject({ sent: 6, failed: 0 });
  });

  it('cancels a scheduled message before it starts: nothing is written or sent; a started one cannot be cancelled', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    await seedBulkAudience(db, shop.id, { count: 3, withoutConsent: 0 });
    const later = await createBulkMessage(db, shop.id, manager, draft({ runAt: new Date(Date.now() + 3_600_000).toISOString() }), new Date());
    await fanOutBulkMessagesJob.run(app.jobContext());
    expect(await db.prisma.outboxMessage.count({ where: { bulkMessageId: later.id } })).toBe(0);
    expect((await cancelBulkMessage(db, shop.id, manager, later.id, new Date())).status).toBe('cancelled');
    await fanOutBulkMessagesJob.run(app.jobContext(() => new Date(Date.now() + 7_200_000)));
    expect(await db.prisma.outboxMessage.count({ where: { bulkMessageId: later.id } })).toBe(0);

    const now = await createBulkMessage(db, shop.id, manager, draft(), new Date());
    await fanOutBulkMessagesJob.run(app.jobContext());
    await expect(cancelBulkMessage(db, shop.id, manager, now.id, new Date())).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.prisma.staffAction.count({ where: { shopId: shop.id, action: { in: ['bulk-message.create', 'bulk-message.cancel'] } } })).toBe(3);
  });

  it('writes each recipient once when the fan-out is claimed again after a lost lease (checkpoint + unique key)', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    await seedBulkAudience(db, shop.id, { count: 4_000, withoutConsent: 1_000 });
    const message = await createBulkMessage(db, shop.id, manager, draft(), new Date());
    // First process: two chunks, then "dies" (its lease stays).
    const first = (await claimDueBulkMessage(db, new Date(), 1_000))!;
    const died = fanOutBulkMessage(db, first, { now: () => new Date(), chunkSize: 1500, leaseMs: 1_000, afterChunk: (chunk) => {
      if (chunk >= 2) throw new Error('killed');
    } });
    await expect(died).rejects.toThrow('killed');
    expect(await db.prisma.outboxMessage.count({ where: { bulkMessageId: message.id } })).toBe(3_000);
    expect(await claimDueBulkMessage(db, new Date())).toBeUndefined();
    const later = new Date(Date.now() + 60_000);
    const second = (await claimDueBulkMessage(db, later))!;
    expect(second.fanOutCursor).not.toBeNull();
    // The first process wakes up and tries to go on: its lease is gone, it writes nothing.
    const stale = await fanOutBulkMessage(db, first, { now: () => new Date(), chunkSize: 1500 });
    expect(stale.lostClaim).toBe(true);
    await fanOutBulkMessage(db, second, { now: () => later, chunkSize: 1500 });
    expect(await db.prisma.outboxMessage.count({ where: { bulkMessageId: message.id } })).toBe(4_000);
    expect(await db.prisma.bulkMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: 'sending' });
  });

  it('hands the claim back when the process stops on purpose, so the next run resumes at once', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    await seedBulkAudience(db, shop.id, { count: 3_000, withoutConsent: 0 });
    const message = await createBulkMessage(db, shop.id, manager, draft(), new Date());
    const claimed = (await claimDueBulkMessage(db, new Date()))!;
    const stopped = await fanOutBulkMessage(db, claimed, { now: () => new Date(), chunkSize: 1000, shouldStop: () => true });
    expect(stopped).toMatchObject({ chunks: 1, done: false });
    const resumed = (await claimDueBulkMessage(db, new Date(Date.now() + 5)))!;
    expect(resumed).toMatchObject({ id: message.id });
    await fanOutBulkMessage(db, resumed, { now: () => new Date(), chunkSize: 1000 });
    expect(await db.prisma.outboxMessage.count({ where: { bulkMessageId: message.id } })).toBe(3_000);
  });
});
