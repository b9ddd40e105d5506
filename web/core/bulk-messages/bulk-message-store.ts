// Bulk messages: create (after the confirmation step), list and read with their delivery statistics,
// the per-recipient log, and cancel. The BulkMessage row carries the status; its recipients are
// OutboxMessage rows (bulkMessageId), written by the fan-out (fan-out-bulk-message.ts).
import type { BulkMessageDetail, BulkMessageStats, BulkMessageSummary, BulkRecipientLog, MessageChannelChoice } from '../../contracts/bulk-messages-api';
import { writeTransaction, type Db, type Prisma } from '../db-client';
import { AppError, notFound } from '../errors/app-error';
import { pickMessageLanguage } from '../messaging/message-language';
import { recordStaffAction } from '../staff/record-staff-action';
import type { StaffIdentity } from '../staff/staff-roles';
import { assertValidBulkDraft, type createBulkMessageSchema } from './bulk-message-input';
import type { BulkContent } from './render-bulk-message';
import type { z } from 'zod';

type CreateInput = z.infer<typeof createBulkMessageSchema>;
type BulkRow = NonNullable<Awaited<ReturnType<Prisma['bulkMessage']['findFirst']>>>;

/** The groups must be the shop's own and not archived. */
async function assertShopGroups(prisma: Prisma, shopId: string, groupIds: readonly string[]): Promise<void> {
  if (groupIds.length === 0) return;
  const found = await prisma.customerGroup.count({ where: { shopId, id: { in: [...groupIds] }, archivedAt: null } });
  if (found !== new Set(groupIds).size) throw new AppError('VALIDATION', 'One of the chosen groups does not exist in this shop (or is archived).', { groupIds });
}

export async function shopLanguageOf(prisma: Prisma, shopId: string) {
  const shop = await prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { primaryLocale: true, name: true, domain: true, currency: true } });
  return { ...shop, language: pickMessageLanguage(shop.primaryLocale, 'en') };
}

export async function createBulkMessage(db: Db, shopId: string, staff: StaffIdentity, input: CreateInput, now: Date): Promise<BulkMessageDetail> {
  const shop = await shopLanguageOf(db.prisma, shopId);
  assertValidBulkDraft(input, shop.language);
  await assertShopGroups(db.prisma, shopId, input.audience.groupIds);
  const runAt = input.runAt ? new Date(input.runAt) : now;
  if (runAt.getTime() < now.getTime() - 60_000) throw new AppError('VALIDATION', 'The send time is in the past; choose a later time or send now.');
  const row = await writeTransaction(db, async (tx) => {
    const created = await tx.bulkMessage.create({
      data: {
        shopId, name: input.name, allMembers: input.audience.allMembers, groupIds: JSON.stringify(input.audience.allMembers ? [] : [...new Set(input.audience.groupIds)]),
        channels: input.channels, content: JSON.stringify(input.content), status: 'scheduled', runAt, createdBy: staff.userId,
      },
    });
    await recordStaffAction(tx, { shopId, userId: staff.userId, action: 'bulk-message.create', target: created.id, details: { name: input.name, channels: input.channels, audience: input.audience, runAt: runAt.toISOString() }, at: now });
    return created;
  });
  return detailOf(row, emptyStats());
}

export async function cancelBulkMessage(db: Db, shopId: string, staff: StaffIdentity, id: string, now: Date): Promise<BulkMessageDetail> {
  return writeTransaction(db, async (tx) => {
    const row = await tx.bulkMessage.findFirst({ where: { id, shopId } });
    if (!row) throw notFound('The bulk message');
    // Only before it starts: once recipients are being written, members may already have it.
    const { count } = await tx.bulkMessage.updateMany({ where: { id, shopId, status: 'scheduled' }, data: { status: 'cancelled', cancelledAt: now } });
    if (count === 0) throw new AppError('CONFLICT', `The message has already started (${row.status}); it can only be cancelled while scheduled.`, { status: row.status });
    await recordStaffAction(tx, { shopId, userId: staff.userId, action: 'bulk-message.cancel', target: id, at: now });
    return detailOf({ ...row, status: 'cancelled', cancelledAt: now }, emptyStats());
  });
}

function emptyStats(): BulkMessageStats {
  return { total: 0, queued: 0, sent: 0, failed: 0, skipped: 0, reasons: {} };
}

/** Statistics of several messages in one grouped read. */
async function statsOf(prisma: Prisma, ids: string[]): Promise<Map<string, BulkMessageStats>> {
  const result = new Map(ids.map((id) => [id, emptyStats()]));
  if (ids.length === 0) return result;
  const groups = await prisma.outboxMessage.groupBy({ by: ['bulkMessageId', 'status', 'lastError'], where: { bulkMessageId: { in: ids } }, _count: { _all: true } });
  for (const group of groups) {
    const stats = result.get(group.bulkMessageId ?? '');
    if (!stats) continue;
    const count = group._count._all;
    stats.total += count;
    if (group.status === 'pending' || group.status === 'sending') stats.queued += count;
    else if (group.status === 'sent') stats.sent += count;
    else if (group.status === 'failed') stats.failed += count;
    else if (group.status === 'skipped') stats.skipped += count;
    if ((group.status === 'skipped' || group.status === 'failed') && group.lastError) {
      // Failure texts carry the provider's words; the kind before the colon groups them.
      const reason = group.status === 'failed' ? group.lastError.split(':')[0]!.slice(0, 60) : group.lastError;
      stats.reasons[reason] = (stats.reasons[reason] ?? 0) + count;
    }
  }
  return result;
}

function summaryOf(row: BulkRow, stats: BulkMessageStats): BulkMessageSummary {
  return {
    id: row.id, name: row.name, status: row.status, channels: row.channels as MessageChannelChoice, allMembers: row.allMembers, groupIds: JSON.parse(row.groupIds) as string[],
    runAt: row.runAt.toISOString(), createdAt: row.createdAt.toISOString(), createdBy: row.createdBy,
    fannedOutAt: row.fannedOutAt?.toISOString() ?? null, finishedAt: row.finishedAt?.toISOString() ?? null, cancelledAt: row.cancelledAt?.toISOString() ?? null, stats,
  };
}

function detailOf(row: BulkRow, stats: BulkMessageStats): BulkMessageDetail {
  return { ...summaryOf(row, stats), content: JSON.parse(row.content) as BulkContent };
}

export async function listBulkMessages(prisma: Prisma, shopId: string): Promise<{ items: BulkMessageSummary[] }> {
  const rows = await prisma.bulkMessage.findMany({ where: { shopId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 100 });
  const stats = await statsOf(prisma, rows.map((row) => row.id));
  return { items: rows.map((row) => summaryOf(row, stats.get(row.id)!)) };
}

export async function getBulkMessage(prisma: Prisma, shopId: string, id: string): Promise<BulkMessageDetail> {
  const row = await prisma.bulkMessage.findFirst({ where: { id, shopId } });
  if (!row) throw notFound('The bulk message');
  return detailOf(row, (await statsOf(prisma, [id])).get(id)!);
}

export async function listBulkRecipients(prisma: Prisma, shopId: string, id: string, query: { status?: string | undefined; page: number; pageSize: number }): Promise<BulkRecipientLog> {
  const exists = await prisma.bulkMessage.count({ where: { id, shopId } });
  if (exists === 0) throw notFound('The bulk message');
  const where = { shopId, bulkMessageId: id, ...(query.status ? { status: query.status === 'queued' ? { in: ['pending', 'sending'] } : query.status } : {}) };
  const [total, rows] = await Promise.all([
    prisma.outboxMessage.count({ where }),
    prisma.outboxMessage.findMany({ where, orderBy: [{ memberId: 'asc' }, { channel: 'asc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
  ]);
  const members = await prisma.member.findMany({ where: { id: { in: rows.map((row) => row.memberId) } }, select: { id: true, firstName: true, lastName: true, email: true, phone: true } });
  const byId = new Map(members.map((member) => [member.id, member]));
  return {
    page: query.page, pageSize: query.pageSize, total,
    items: rows.map((row) => {
      const member = byId.get(row.memberId);
      return {
        outboxId: row.id, memberId: row.memberId, memberName: [member?.firstName, member?.lastName].filter(Boolean).join(' '),
        recipient: (row.channel === 'sms' ? member?.phone : member?.email) ?? null, channel: row.channel, status: row.status,
        reason: row.lastError, attempts: row.attempts, sentAt: row.sentAt?.toISOString() ?? null,
      };
    }),
  };
}

/** The message's content for the sender (per run, per message). */
export async function loadBulkContent(prisma: Prisma, id: string): Promise<{ content: BulkContent; status: string } | undefined> {
  const row = await prisma.bulkMessage.findUnique({ where: { id }, select: { content: true, status: true } });
  return row ? { content: JSON.parse(row.content) as BulkContent, status: row.status } : undefined;
}
