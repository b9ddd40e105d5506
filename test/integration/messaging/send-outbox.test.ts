// The send-outbox job against a real SMTP server (smtp-server on a free port), on both databases.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sendOutboxJob } from '../../../jobs/send-outbox';
import { outboxSenderFor } from '../../../web/runtime/outbox-sender';
import { recordConsentChange } from '../../../web/core/messaging/consent-store';
import { claimOutboxMessages } from '../../../web/core/messaging/outbox-queue';
import { postDueCredits } from '../../../web/core/ledger/post-due-credits';
import { sendDueOutboxMessages } from '../../../web/server/messaging/send-outbox';
import { createSecretBox } from '../../../web/core/crypto/secret-box';
import { GIFT_CARD_CODE_PURPOSE } from '../../../web/core/redemption/redemption-types';
import { createMember, createShop } from '../../fixtures/factories';
import { addOutboxMessage } from '../../fixtures/outbox-messages';
import { closedPort, startLocalSmtpServer, type LocalSmtpServer } from '../messaging-transport/local-smtp-server';
import { decodeHeader, parseMime } from '../messaging-transport/parse-mime';
import { createTestApp, type TestApp } from '../../support/test-app';
import { describeEachDatabase, type TestDatabase } from '../../support/test-database';

const root = path.resolve(__dirname, '../../..');

function appWithSmtp(db: TestDatabase, port: number, env: Record<string, string> = {}): TestApp {
  return createTestApp(db, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_FROM: 'Loyalty <loyalty@test.example>', ...env });
}

async function runSender(app: TestApp, now: Date) {
  return sendDueOutboxMessages(outboxSenderFor(app.runtime), { now: () => now });
}

function outboxIdOf(raw: string): string | undefined {
  return parseMime(raw).headers.get('x-outbox-message-id');
}

describeEachDatabase('send-outbox job', (getDb) => {
  let smtp: LocalSmtpServer;
  let app: TestApp;

  beforeAll(async () => {
    smtp = await startLocalSmtpServer({ rejectRecipients: ['nobody@example.com'] });
    app = appWithSmtp(getDb(), smtp.port);
  });
  afterAll(async () => {
    await sendOutboxJob.dispose?.(app.jobContext());
    await smtp.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });

  it('e-mails credited points in the member\'s language with variables filled and a <script> first name inert', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { name: 'Studio Zon' });
    const member = await createMember(db.prisma, shop.id, { firstName: '<script>alert(1)</script>', email: 'anna@example.com' });
    await db.prisma.member.update({ where: { id: member.id }, data: { locale: 'en-GB', balance: 100, pendingPoints: 40 } });
    const now = new Date();
    await db.prisma.ledgerEntry.create({
      data: { shopId: shop.id, memberId: member.id, type: 'earn', status: 'pending', points: 40, description: 'Haircut (#1001)', sourceType: 'line_item', sourceId: 'l1', idempotencyKey: `earn:${member.id}`, availableAt: new Date(now.getTime() - 1000) },
    });
    await postDueCredits(db, { now });

    const result = await runSender(app, now);
    expect(result).toMatchObject({ sent: 1, failed: 0, retry: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = parseMime(smtp.received[0]!.raw);
    expect(smtp.received[0]!.to).toEqual(['anna@example.com']);
    expect(decodeHeader(mail.headers.get('subject') ?? '')).toBe("You've earned 40 points at Studio Zon");
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('which is now 140 points');
    expect(mail.text).toContain('Hi <script>alert(1)</script>,');
    const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lockedUntil: null });
    expect(JSON.parse(row.providerResponse!)).toMatchObject({ accepted: ['anna@example.com'], response: expect.stringMatching(/^250/) });
  });

  it('e-mails the full gift-card code to its owner, opened from the redemption row; the outbox row holds only the mask', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { name: 'Studio Zon', primaryLocale: 'en' });
    const member = await createMember(db.prisma, shop.id, { email: 'owner@example.com' });
    const codeBox = createSecretBox(app.config.encryptionKey, GIFT_CARD_CODE_PURPOSE);
    const redemption = await db.prisma.redemption.create({
      data: {
        shopId: shop.id, memberId: member.id, rewardId: 'r1', rewardType: 'gift_card', points: 200, valueMinor: 2500, currency: 'EUR',
        status: 'issued', idempotencyKey: 'k1', ledgerEntryId: 'e1', codeEncrypted: codeBox.encrypt('ABCD2345EFGH6789'), codeMasked: '•••• 6789', codeLast4: '6789',
      },
    });
    await addOutboxMessage(db.prisma, {
      shopId: shop.id, memberId: member.id, event: 'gift_card_issued',
      payload: { points: 200, gift_card_value: '25.00 EUR', gift_card_code: '•••• 6789', redemptionId: redemption.id },
    });
    expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { shopId: shop.id } })).not.toMatchObject({ payload: expect.stringContaining('ABCD2345EFGH6789') });
    await runSender(app, new Date());
    const mail = parseMime(smtp.received[0]!.raw);
    expect(mail.html).toContain('ABCD2345EFGH6789');
    expect(mail.text).toContain('ABCD2345EFGH6789');
  });

  it('falls back to the shop language, so a Dutch shop mails a member without a locale in Dutch', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { primaryLocale: 'nl' });
    const member = await createMember(db.prisma, shop.id);
    await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id, payload: { points: 25 } });
    await runSender(app, new Date());
    expect(decodeHeader(parseMime(smtp.received[0]!.raw).headers.get('subject') ?? '')).toMatch(/25 punten/);
  });

  it('retries while the SMTP server is down and delivers exactly once when it is back', async () => {
    const db = getDb();
    const port = await closedPort();
    const downApp = appWithSmtp(db, port);
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const t0 = new Date();
    const message = await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id, createdAt: t0 });

    expect(await runSender(downApp, t0)).toMatchObject({ sent: 0, retry: 1 });
    const waiting = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/^connection:/) });
    expect(waiting.runAt.getTime()).toBe(t0.getTime() + 30_000);
    expect(await runSender(downApp, new Date(t0.getTime() + 10_000))).toMatchObject({ batches: 0 });

    const back = await startLocalSmtpServer({ port });
    try {
      expect(await runSender(downApp, new Date(t0.getTime() + 31_000))).toMatchObject({ sent: 1 });
      expect(await runSender(downApp, new Date(t0.getTime() + 3_600_000))).toMatchObject({ batches: 0 });
      expect(back.received.map((mail) => outboxIdOf(mail.raw))).toEqual([message.id]);
      expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: 'sent', attempts: 2 });
    } finally {
      await sendOutboxJob.dispose?.(downApp.jobContext());
      await back.close();
    }
  });

  it('marks a message failed with the server\'s reason when the recipient is rejected', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id, { email: 'nobody@example.com' });
    const message = await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id });
    expect(await runSender(app, new Date())).toMatchObject({ failed: 1, retry: 0 });
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/^recipient_rejected: 550 .*No such user/);
    expect(smtp.received).toHaveLength(0);
  });

  it('skips marketing without consent but sends the transactional message; an opt-out stops transactional mail too', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const promo = await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id, event: 'welcome', payload: { points: 10, category: 'marketing' } });
    const credit = await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id, payload: { points: 10 } });
    const now = new Date();
    await runSender(app, now);
    await runSender(app, now);
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: promo.id } })).toMatchObject({ status: 'skipped', lastError: 'NO_MARKETING_CONSENT' });
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: credit.id } })).toMatchObject({ status: 'sent' });
    expect(smtp.received.map((mail) => outboxIdOf(mail.raw))).toEqual([credit.id]);

    const notifications = await db.prisma.consentType.create({ data: { shopId: shop.id, key: 'account_notifications', name: 'Account notifications', kind: 'transactional_optout' } });
    await db.prisma.$transaction((tx) => recordConsentChange(tx, shop.id, member.id, { consentTypeId: notifications.id, granted: false, source: 'customer', occurredAt: new Date() }));
    const later = await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id });
    await runSender(app, new Date());
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: later.id } })).toMatchObject({ status: 'skipped', lastError: 'TRANSACTIONAL_OPT_OUT' });
  });

  it('skips a member without an e-mail address', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    await db.prisma.member.update({ where: { id: member.id }, data: { email: null } });
    const message = await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id });
    await runSender(app, new Date());
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: 'skipped', lastError: 'NO_EMAIL_ADDRESS' });
  });

  it('records an e-mail written while no e-mail server is set up as not sent, with that reason, not as failed', async () => {
    const db = getDb();
    const withoutSmtp = createTestApp(db);
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const message = await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id });
    const result = await sendDueOutboxMessages(outboxSenderFor(withoutSmtp.runtime), { now: () => new Date() });
    expect(result).toMatchObject({ sent: 0, failed: 0, skipped: 1 });
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: 'skipped', lastError: 'NO_EMAIL_SERVER' });
    expect(smtp.received).toEqual([]);
  });

  it('never has two messages of one member in flight, and a retry holds back the member\'s later messages', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const [anna, bram] = [await createMember(db.prisma, shop.id), await createMember(db.prisma, shop.id)];
    const at = new Date(Date.now() - 60_000);
    const annas: Array<{ id: string }> = [];
    for (let i = 0; i < 3; i += 1) annas.push(await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: anna.id, createdAt: at, payload: { points: i + 1 } }));
    const brams = await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: bram.id, createdAt: at });

    const now = new Date();
    const claimed = await claimOutboxMessages(db, { limit: 50, now, leaseMs: 60_000 });
    expect(claimed.map((m) => m.id).sort()).toEqual([annas[0]!.id, brams.id].sort());
    // Anna's first message waits for a retry: her second one must not overtake it.
    await db.prisma.outboxMessage.updateMany({ where: { id: { in: claimed.map((m) => m.id) } }, data: { status: 'pending', lockedUntil: null, runAt: new Date(now.getTime() + 30_000) } });
    expect(await claimOutboxMessages(db, { limit: 50, now, leaseMs: 60_000 })).toEqual([]);

    const later = new Date(now.getTime() + 31_000);
    const result = await runSender(app, later);
    expect(result).toMatchObject({ sent: 4, batches: 3 });
    const annaOrder = smtp.received.map((mail) => outboxIdOf(mail.raw)).filter((id) => annas.some((m) => m.id === id));
    expect(annaOrder).toEqual(annas.map((m) => m.id));
  });

  it('sends nothing after its lease ran out: a stalled worker leaves the message to the one that took it over', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const message = await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id });
    const claimedAt = new Date();
    let clock = claimedAt;
    const stalled = await sendDueOutboxMessages(
      {
        ...outboxSenderFor(app.runtime),
        // The worker stalls right after its claim; meanwhile the lease expires and another worker sends the message.
        afterClaim: async () => {
          clock = new Date(claimedAt.getTime() + 61_000);
          expect(await runSender(app, clock)).toMatchObject({ sent: 1 });
        },
      },
      { now: () => clock, leaseMs: 60_000, maxBatches: 1 },
    );
    expect(stalled).toMatchObject({ sent: 0, retry: 1 });
    expect(smtp.received.map((mail) => outboxIdOf(mail.raw))).toEqual([message.id]);
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends a message once after the job process was killed between claim and send', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const message = await addOutboxMessage(db.prisma, { shopId: shop.id, memberId: member.id });

    const child = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
      const proc = spawn(path.join(root, 'node_modules/.bin/tsx'), ['jobs/main.ts', 'once', 'send-outbox'], {
        cwd: root,
        env: { PATH: process.env.PATH, DATABASE_URL: db.url, LOG_LEVEL: 'warn', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), OUTBOX_CRASH_AFTER_CLAIM: 'true', OUTBOX_LEASE_SECONDS: '60' },
      });
      let stderr = '';
      proc.stderr.on('data', (chunk) => (stderr += chunk));
      proc.on('close', (code, signal) => resolve({ code, signal, stderr }));
    });
    // tsx relays the child's death; either way the worker died without recording anything.
    expect(child.code === 0).toBe(false);
    const orphan = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(orphan).toMatchObject({ status: 'sending', attempts: 1 });
    expect(smtp.received).toHaveLength(0);

    const claimedAt = orphan.lockedUntil!.getTime() - 60_000;
    expect(await runSender(app, new Date(claimedAt + 30_000))).toMatchObject({ batches: 0 });
    expect(await runSender(app, new Date(claimedAt + 61_000))).toMatchObject({ sent: 1 });
    expect(await runSender(app, new Date(claimedAt + 3_600_000))).toMatchObject({ batches: 0 });
    expect(smtp.received.map((mail) => outboxIdOf(mail.raw))).toEqual([message.id]);
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
