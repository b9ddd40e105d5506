import { z } from 'zod';
import type { Prisma } from '../db-client';

export const messageLogQuerySchema = z.strictObject({
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'skipped']).optional(),
  event: z.string().min(1).max(40).optional(),
  channel: z.enum(['email', 'sms']).optional(),
  memberId: z.string().min(1).max(64).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type MessageLogQuery = z.infer<typeof messageLogQuerySchema>;

/** Newest first; `from`/`to` filter on when the message was written (the event's time). */
export async function listMessageLog(prisma: Prisma, shopId: string, query: MessageLogQuery) {
  const where = {
    shopId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.event ? { event: query.event } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.memberId ? { memberId: query.memberId } : {}),
    ...(query.from || query.to ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) } } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.outboxMessage.count({ where }),
    prisma.outboxMessage.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
  ]);
  return {
    page: query.page,
    pageSize: query.pageSize,
    total,
    items: rows.map((row) => ({
      id: row.id,
      memberId: row.memberId,
      event: row.event,
      channel: row.channel,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      providerResponse: row.providerResponse ? (JSON.parse(row.providerResponse) as unknown) : null,
      createdAt: row.createdAt,
      runAt: row.runAt,
      sentAt: row.sentAt,
    })),
  };
}
