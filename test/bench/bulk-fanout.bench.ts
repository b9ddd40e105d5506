// Fan-out of one bulk message to 100,000 recipients (a group of 100,000 members, 30% without consent):
// set-based INSERT … SELECT chunks of 5,000 members with their checkpoint. Target: ≤ 10 s on PostgreSQL.
// Then the sender works through the fanned-out backlog for a while against a local SMTP server (instant
// answers): messages handed over and recorded per second, with the whole bulk backlog pending.
import type { Db, DbKind } from '../../web/core/db-client';
import { createBulkMessage } from '../../web/core/bulk-messages/bulk-message-store';
import { createBulkMessageSchema } from '../../web/core/bulk-messages/bulk-message-input';
import { claimDueBulkMessage, fanOutBulkMessage } from '../../web/core/bulk-messages/fan-out-bulk-message';
import { seedBulkAudience } from '../fixtures/bulk-audience';
import { createShop } from '../fixtures/factories';
import { createSecretBox } from '../../web/core/crypto/secret-box';
import { SMTP_PASSWORD_PURPOSE } from '../../web/core/messaging/smtp-settings-store';
import { createLogger } from '../../web/runtime/logger';
import { LogSmsProvider } from '../../web/server/messaging/log-sms-provider';
import { sendDueOutboxMessages } from '../../web/server/messaging/send-outbox';
import { TransportCache } from '../../web/server/messaging/transport-cache';
import { startLocalSmtpServer } from '../integration/messaging-transport/local-smtp-server';
import { sqlClientOf } from '../../web/core/sql/sql-client';
import { sql } from '../../web/core/sql/sql-query';
import type { BenchResult } from './bench-result';

export async function runBulkFanOutBenchmark(db: Db & { kind: DbKind }, recipients = 100_000, sendSeconds = 15): Promise<BenchResult[]> {
  const shop = await createShop(db.prisma);
  const audience = await seedBulkAudience(db, shop.id, { count: recipients, withoutConsent: Math.round(recipients * 0.3) });
  const message = await createBulkMessage(db, shop.id, { userId: 'bench', name: 'Bench', role: 'owner', adjustLimit: null, locationIds: [] }, createBulkMessageSchema.parse({
    name: 'Bench', audience: { allMembers: false, groupIds: [audience.groupId] }, channels: 'email',
    content: { nl: { subject: 'Hoi %first_name%', html: '<p>Hoi %first_name%</p>', text: 'Hoi %first_name%', sms: '' } }, confirm: true,
  }), new Date());
  // Current planner statistics, as autovacuum keeps them on a live database (right after a bulk seed
  // PostgreSQL still plans with the empty tables' numbers).
  await sqlClientOf(db).execute(sql`ANALYZE`);
  const started = performance.now();
  const claimed = await claimDueBulkMessage(db, new Date());
  if (!claimed) throw new Error('the bulk message was not claimed');
  const result = await fanOutBulkMessage(db, claimed, { now: () => new Date(), chunkSize: 5000 });
  const seconds = (performance.now() - started) / 1000;
  const rows = await db.prisma.outboxMessage.count({ where: { bulkMessageId: message.id } });
  if (rows !== recipients || !result.done) throw new Error(`fan-out wrote ${rows} rows of ${recipients} (done: ${result.done})`);
  const fanOut: BenchResult = {
    name: `fan-out of a ${recipients.toLocaleString('en')}-recipient bulk message [${db.kind}]`,
    value: Number(seconds.toFixed(2)),
    unit: 's',
    detail: `${rows.toLocaleString('en')} outbox rows (${Math.round(recipients * 0.7).toLocaleString('en')} pending, ${Math.round(recipients * 0.3).toLocaleString('en')} skipped with the reason) in ${result.chunks} chunks of 5,000 (${Math.round(rows / seconds)} rows/s); target ≤ 10 s on PostgreSQL`,
  };

  const smtp = await startLocalSmtpServer();
  const transports = new TransportCache();
  const logger = createLogger('silent');
  try {
    const sendStarted = performance.now();
    const deadline = sendStarted + sendSeconds * 1000;
    const sent = await sendDueOutboxMessages(
      {
        db, logger, sms: new LogSmsProvider(logger), transports,
        secretBox: createSecretBox('bench-secret-0123456789-0123456789-abcdef', SMTP_PASSWORD_PURPOSE),
        appSmtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Bench <bench@example.com>' },
      },
      { now: () => new Date(), batchSize: 500, shouldStop: () => performance.now() >= deadline },
    );
    const sendingSeconds = (performance.now() - sendStarted) / 1000;
    return [fanOut, {
      name: `sending the bulk message's e-mails [${db.kind}]`,
      value: Math.round(sent.sent / sendingSeconds),
      unit: 'messages/s',
      detail: `${sent.sent.toLocaleString('en')} of ${Math.round(recipients * 0.7).toLocaleString('en')} pending sent in ${sendingSeconds.toFixed(1)} s (batches of 500, 5 pooled connections to a local SMTP server; SMTP received ${smtp.received.length.toLocaleString('en')})`,
    }];
  } finally {
    transports.close();
    await smtp.close();
  }
}
