// Fan-out of one bulk message to 100,000 recipients (a group of 100,000 members, 30% without consent):
// set-based INSERT … SELECT chunks of 5,000 members with their checkpoint. Target: ≤ 10 s on PostgreSQL.
// Sending is not measured here: it is limited by the provider (see the outbox bench).
import type { Db, DbKind } from '../../web/core/db-client';
import { createBulkMessage } from '../../web/core/bulk-messages/bulk-message-store';
import { createBulkMessageSchema } from '../../web/core/bulk-messages/bulk-message-input';
import { claimDueBulkMessage, fanOutBulkMessage } from '../../web/core/bulk-messages/fan-out-bulk-message';
import { seedBulkAudience } from '../fixtures/bulk-audience';
import { createShop } from '../fixtures/factories';
import type { BenchResult } from './bench-result';

export async function runBulkFanOutBenchmark(db: Db & { kind: DbKind }, recipients = 100_000): Promise<BenchResult> {
  const shop = await createShop(db.prisma);
  const audience = await seedBulkAudience(db, shop.id, { count: recipients, withoutConsent: Math.round(recipients * 0.3) });
  const message = await createBulkMessage(db, shop.id, { userId: 'bench', name: 'Bench', role: 'owner', adjustLimit: null }, createBulkMessageSchema.parse({
    name: 'Bench', audience: { allMembers: false, groupIds: [audience.groupId] }, channels: 'email',
    content: { nl: { subject: 'Hoi %first_name%', html: '<p>Hoi %first_name%</p>', text: 'Hoi %first_name%', sms: '' } }, confirm: true,
  }), new Date());
  const started = performance.now();
  const claimed = await claimDueBulkMessage(db, new Date());
  if (!claimed) throw new Error('the bulk message was not claimed');
  const result = await fanOutBulkMessage(db, claimed, { now: () => new Date(), chunkSize: 5000 });
  const seconds = (performance.now() - started) / 1000;
  const rows = await db.prisma.outboxMessage.count({ where: { bulkMessageId: message.id } });
  if (rows !== recipients || !result.done) throw new Error(`fan-out wrote ${rows} rows of ${recipients} (done: ${result.done})`);
  return {
    name: `fan-out of a ${recipients.toLocaleString('en')}-recipient bulk message [${db.kind}]`,
    value: Number(seconds.toFixed(2)),
    unit: 's',
    detail: `${rows.toLocaleString('en')} outbox rows (${Math.round(recipients * 0.7).toLocaleString('en')} pending, ${Math.round(recipients * 0.3).toLocaleString('en')} skipped with the reason) in ${result.chunks} chunks of 5,000 (${Math.round(rows / seconds)} rows/s); target ≤ 10 s on PostgreSQL`,
  };
}
