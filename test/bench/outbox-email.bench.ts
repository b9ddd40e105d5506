// Bench: N outbox e-mails delivered by the send-outbox sender to a local SMTP server (smtp-server,
// in this process) over pooled connections. Five messages per member, so the per-member ordering
// rule is part of what is measured. The figure is messages handed over and recorded `sent` per second.
import { createSecretBox } from '../../web/core/crypto/secret-box';
import { SMTP_PASSWORD_PURPOSE } from '../../web/core/messaging/smtp-settings-store';
import { saveInstalledShop } from '../../web/core/shops/save-installed-shop';
import { createDatabase, type Database } from '../../web/server/db/create-database';
import { migrateDatabase } from '../../web/server/db/migrate';
import { createLogger } from '../../web/runtime/logger';
import { LogSmsProvider } from '../../web/server/messaging/log-sms-provider';
import { sendDueOutboxMessages } from '../../web/server/messaging/send-outbox';
import { TransportCache } from '../../web/server/messaging/transport-cache';
import { startLocalSmtpServer } from '../integration/messaging-transport/local-smtp-server';
import { testDatabaseUrl } from '../support/test-database';

const MESSAGES_PER_MEMBER = 5;

async function seed(database: Database, shopId: string, messages: number, now: Date): Promise<void> {
  const members = Math.ceil(messages / MESSAGES_PER_MEMBER);
  const prisma = database.prisma;
  if (database.kind === 'postgresql') {
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "email", "firstName", "lastName", "locale", "balance", "pendingPoints", "lifetimeSpendMinor", "createdAt", "updatedAt")
       SELECT 'bm_' || i, $1, 'gid://shopify/Customer/' || i, 'member' || i || '@bench.example', 'Member', i::text, 'en', 100, 0, 0, $2, $2
       FROM generate_series(1, $3::int) AS i`, shopId, now, members);
    await prisma.$executeRawUnsafe(
      `INSERT INTO "OutboxMessage" ("id", "shopId", "memberId", "event", "channel", "payload", "idempotencyKey", "status", "attempts", "runAt", "createdAt")
       SELECT 'bo_' || lpad(k::text, 8, '0'), $1, 'bm_' || ((k - 1) % $3::int + 1), 'points_credited', 'email',
              json_build_object('points', 10, 'description', 'Haircut #' || k)::text, 'bench:' || k, 'pending', 0, $2, $2
       FROM generate_series(1, $4::int) AS k`, shopId, now, members, messages);
    return;
  }
  await prisma.$executeRawUnsafe(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "email", "firstName", "lastName", "locale", "balance", "pendingPoints", "lifetimeSpendMinor", "createdAt", "updatedAt")
     SELECT 'bm_' || CAST(i AS INTEGER), ?, 'gid://shopify/Customer/' || CAST(i AS INTEGER), 'member' || CAST(i AS INTEGER) || '@bench.example', 'Member', CAST(CAST(i AS INTEGER) AS TEXT), 'en', 100, 0, 0, ?, ? FROM n`,
    members, shopId, now, now);
  await prisma.$executeRawUnsafe(
    `WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ?)
     INSERT INTO "OutboxMessage" ("id", "shopId", "memberId", "event", "channel", "payload", "idempotencyKey", "status", "attempts", "runAt", "createdAt")
     SELECT 'bo_' || printf('%08d', k), ?, 'bm_' || CAST((k - 1) % CAST(? AS INTEGER) + 1 AS INTEGER), 'points_credited', 'email',
            json_object('points', 10, 'description', 'Haircut #' || k), 'bench:' || k, 'pending', 0, ?, ? FROM n`,
    messages, shopId, members, now, now);
}

export async function runOutboxEmailBenchmark(options: { kind: 'sqlite' | 'postgresql'; messages: number }): Promise<{ name: string; value: number; unit: string; detail: string }> {
  const { url, cleanup } = testDatabaseUrl(options.kind);
  await migrateDatabase(url);
  const database = createDatabase(url, { poolSize: 10 });
  const smtp = await startLocalSmtpServer();
  const transports = new TransportCache();
  try {
    const now = new Date();
    const { id: shopId } = await saveInstalledShop(database.prisma, { domain: 'bench.myshopify.com', name: 'Bench Studio', currency: 'EUR', ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'en' });
    await seed(database, shopId, options.messages, now);
    const logger = createLogger('silent');
    const started = process.hrtime.bigint();
    const result = await sendDueOutboxMessages(
      {
        db: database,
        logger,
        secretBox: createSecretBox('bench-secret-0123456789-0123456789-abcdef', SMTP_PASSWORD_PURPOSE),
        appSmtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Bench <bench@example.com>' },
        sms: new LogSmsProvider(logger),
        transports,
      },
      { now: () => new Date(), batchSize: 200 },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const sent = await database.prisma.outboxMessage.count({ where: { status: 'sent' } });
    if (sent !== options.messages || smtp.received.length !== options.messages) {
      const sample = await database.prisma.outboxMessage.findFirst({ where: { status: { not: "sent" } } });
      throw new Error(`${JSON.stringify(sample)} expected ${options.messages} sent, got ${sent} recorded and ${smtp.received.length} received (${JSON.stringify(result)})`);
    }
    const rate = options.messages / seconds;
    return {
      name: `outbox e-mail delivery (${options.kind})`,
      value: Math.round(rate),
      unit: 'messages/s',
      detail: `${options.messages} e-mails to a local SMTP server in ${seconds.toFixed(2)} s, ${result.batches} batches of ≤200, 5 pooled connections, ${MESSAGES_PER_MEMBER} messages per member in order`,
    };
  } finally {
    transports.close();
    await smtp.close();
    await database.close();
    await cleanup();
  }
}

if (require.main === module) {
  const kinds = (process.argv[2] ?? 'sqlite,postgresql').split(',') as Array<'sqlite' | 'postgresql'>;
  const messages = Number(process.argv[3] ?? 10_000);
  (async () => {
    for (const kind of kinds) console.log(JSON.stringify(await runOutboxEmailBenchmark({ kind, messages })));
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
