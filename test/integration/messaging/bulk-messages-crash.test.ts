// kill -9 of the job process in the middle of a bulk message's fan-out and in the middle of its sending:
// a real child process (tsx jobs/main.ts once <job>) kills itself through the crash-test hooks, and the
// work is then resumed in this process. Every consenting recipient gets the message exactly once, apart
// from the documented SMTP window (send-outbox.ts): a message the server had accepted when the process
// died, before `sent` was recorded, is sent again once its lease has expired.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fanOutBulkMessagesJob } from '../../../jobs/fan-out-bulk-messages';
import { sendOutboxJob } from '../../../jobs/send-outbox';
import { createBulkMessage, getBulkMessage } from '../../../web/core/bulk-messages/bulk-message-store';
import { createBulkMessageSchema } from '../../../web/core/bulk-messages/bulk-message-input';
import { seedBulkAudience } from '../../fixtures/bulk-audience';
import { createShop } from '../../fixtures/factories';
import { startLocalSmtpServer, type LocalSmtpServer } from '../messaging-transport/local-smtp-server';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET, type TestApp } from '../../support/test-app';
import { describeEachDatabase, type TestDatabase } from '../../support/test-database';

jest.setTimeout(240_000);
const root = path.resolve(__dirname, '../../..');

function runJobProcess(db: TestDatabase, job: string, env: Record<string, string>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(path.join(root, 'node_modules/.bin/tsx'), ['jobs/main.ts', 'once', job], {
      cwd: root,
      // Not demo mode (which would catch the mail): the app's SMTP server is the local one.
      env: { PATH: process.env.PATH, DATABASE_URL: db.url, LOG_LEVEL: 'warn', SHOPIFY_API_KEY: TEST_API_KEY, SHOPIFY_API_SECRET: TEST_API_SECRET, SHOPIFY_APP_URL: 'https://loyalty.test', SHOPIFY_SIMULATOR_URL: 'http://127.0.0.1:9', ...env },
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk) => (stdout += chunk));
    proc.stderr.on('data', (chunk) => (stderr += chunk));
    proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describeEachDatabase('bulk messages after kill -9', (getDb) => {
  let smtp: LocalSmtpServer;
  let app: TestApp;

  beforeAll(async () => {
    smtp = await startLocalSmtpServer();
    app = createTestApp(getDb(), { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), OUTBOX_LEASE_SECONDS: '60', BULK_FAN_OUT_CHUNK: '500' });
  });
  afterAll(async () => {
    await sendOutboxJob.dispose?.(app.jobContext());
    await smtp.close();
  });

  it('reaches every consenting recipient exactly once after the job process was killed during fan-out and during sending', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const audience = await seedBulkAudience(db, shop.id, { count: 3_000, withoutConsent: 1_000 });
    const message = await createBulkMessage(db, shop.id, { userId: '1', name: 'Owner', role: 'owner', adjustLimit: null, locationIds: [] }, createBulkMessageSchema.parse({
      name: 'Crash', audience: { allMembers: false, groupIds: [audience.groupId] }, channels: 'email',
      content: { nl: { subject: 'Hoi %first_name%', html: '<p>Hoi</p>', text: 'Hoi', sms: '' } }, confirm: true,
    }), new Date());

    // 1. Killed after three committed chunks of 500 members.
    const fanOut = await runJobProcess(db, 'bulk-messages', { BULK_FAN_OUT_CHUNK: '500', BULK_CRASH_AFTER_CHUNKS: '3', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
    expect(fanOut.code === 0).toBe(false);
    expect(await db.prisma.outboxMessage.count({ where: { bulkMessageId: message.id } })).toBe(1_500);
    const orphan = await db.prisma.bulkMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(orphan).toMatchObject({ status: 'fanning_out', fanOutCursor: audience.memberIdOf(1_500) });

    // Resumed by the next claim once the dead process's lease has passed.
    const afterLease = () => new Date(orphan.lockedUntil!.getTime() + 1_000);
    await fanOutBulkMessagesJob.run(app.jobContext(afterLease));
    const rows = await db.prisma.outboxMessage.groupBy({ by: ['status'], where: { bulkMessageId: message.id }, _count: { _all: true } });
    expect(Object.fromEntries(rows.map((row) => [row.status, row._count._all]))).toEqual({ pending: 2_000, skipped: 1_000 });

    // 2. Killed after 600 messages were recorded as sent.
    const sending = await runJobProcess(db, 'send-outbox', { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), OUTBOX_CRASH_AFTER_SENT: '600', OUTBOX_BATCH_SIZE: '200', OUTBOX_LEASE_SECONDS: '60' });
    expect(sending.code === 0).toBe(false);
    const sentBeforeKill = await db.prisma.outboxMessage.count({ where: { bulkMessageId: message.id, status: 'sent' } });
    expect(sentBeforeKill).toBeGreaterThanOrEqual(600);
    expect(sentBeforeKill).toBeLessThan(2_000);
    // The SMTP window: claimed rows the server may have accepted but that were not yet recorded.
    const inFlight = new Set((await db.prisma.outboxMessage.findMany({ where: { bulkMessageId: message.id, status: 'sending' } })).map((row) => row.memberId));

    // Resumed after the lease.
    await sendOutboxJob.run(app.jobContext(() => new Date(Date.now() + 61_000)));
    await fanOutBulkMessagesJob.run(app.jobContext(() => new Date(Date.now() + 61_000)));

    const detail = await getBulkMessage(db.prisma, shop.id, message.id);
    expect(detail).toMatchObject({ status: 'done', stats: { total: 3_000, sent: 2_000, skipped: 1_000, failed: 0, queued: 0 } });
    const perAddress = new Map<string, number>();
    for (const mail of smtp.received) perAddress.set(mail.to[0]!, (perAddress.get(mail.to[0]!) ?? 0) + 1);
    const consenting = Array.from({ length: 2_000 }, (_, i) => `${audience.memberIdOf(1_001 + i)}@example.com`);
    expect(perAddress.size).toBe(2_000);
    for (const address of consenting) {
      const times = perAddress.get(address);
      const memberId = address.replace('@example.com', '');
      if (inFlight.has(memberId)) expect([1, 2]).toContain(times);
      else expect(times).toBe(1);
    }
    expect(smtp.received.length - 2_000).toBeLessThanOrEqual(inFlight.size);
  });
});
