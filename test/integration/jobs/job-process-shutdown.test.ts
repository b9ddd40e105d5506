// A real job process with a backlog stops within 10 s of SIGTERM (docs/operations.md): the jobs check
// for shutdown between batches instead of working through the whole backlog first.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createMember, createShop } from '../../fixtures/factories';
import { startLocalSmtpServer } from '../messaging-transport/local-smtp-server';
import { describeEachDatabase } from '../../support/test-database';

const root = path.resolve(__dirname, '../../..');
const BACKLOG = 3000;

describeEachDatabase('job process shutdown', (getDb) => {
  it('stops within 10 s of SIGTERM with a backlog of messages, leaving the rest for later', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const runAt = new Date(Date.now() - 60_000);
    await db.prisma.outboxMessage.createMany({
      data: Array.from({ length: BACKLOG }, (_, i) => ({
        shopId: shop.id, memberId: member.id, event: 'points_credited', channel: 'email',
        payload: JSON.stringify({ points: 1, description: `Visit ${i}` }), idempotencyKey: `shutdown:${i}`, createdAt: runAt, runAt,
      })),
    });
    // A slow provider: 50 ms per message through a pool of five connections is ~100 messages a second,
    // so the backlog alone would keep the job busy for about 30 s.
    const smtp = await startLocalSmtpServer({ delayMs: 50 });
    const child = spawn(process.execPath, ['--import', 'tsx', 'jobs/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, DATABASE_URL: db.url, LOG_LEVEL: 'warn', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), OUTBOX_BATCH_SIZE: '20' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // send-outbox runs every 10 s: wait until it is working through the backlog.
      const deadline = Date.now() + 30_000;
      while (smtp.received.length < 40 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(smtp.received.length).toBeGreaterThanOrEqual(40);
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000))]);
      const tookMs = Date.now() - signalledAt;
      expect({ code, output }).toEqual({ code: 0, output: '' });
      expect(tookMs).toBeLessThan(10_000);
      const sent = await db.prisma.outboxMessage.count({ where: { shopId: shop.id, status: 'sent' } });
      expect(sent).toBeLessThan(BACKLOG);
      // Nothing is left claimed by the stopped process: what it did not send is still pending.
      expect(await db.prisma.outboxMessage.count({ where: { shopId: shop.id, status: 'pending' } })).toBe(BACKLOG - sent);
    } finally {
      child.kill('SIGKILL');
      await exited;
      await smtp.close();
    }
  }, 90_000);
});
