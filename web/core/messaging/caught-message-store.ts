// Demo mode's outgoing mail: what the sender would have handed to SMTP or the SMS provider, kept per
// shop so the owner can open it in the admin ("Sent in demo") instead of seeing every message fail.
import type { CaughtMessageView } from '../../contracts/bulk-messages-api';
import type { Prisma } from '../db-client';
import { notFound } from '../errors/app-error';

export interface CaughtMessageInput {
  shopId: string;
  outboxMessageId: string | null;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  html: string;
  text: string;
}

export async function catchOutgoingMessage(prisma: Prisma, input: CaughtMessageInput): Promise<void> {
  await prisma.caughtMessage.create({ data: input });
}

function viewOf(row: { id: string; channel: string; recipient: string; subject: string; html: string; text: string; createdAt: Date }): CaughtMessageView {
  return { id: row.id, channel: row.channel, recipient: row.recipient, subject: row.subject, html: row.html, text: row.text, createdAt: row.createdAt.toISOString() };
}

/** Newest first; the list leaves the HTML out (it is fetched when one message is opened). */
export async function listCaughtMessages(prisma: Prisma, shopId: string, limit = 100): Promise<{ items: CaughtMessageView[] }> {
  const rows = await prisma.caughtMessage.findMany({ where: { shopId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
  return { items: rows.map((row) => ({ ...viewOf(row), html: '' })) };
}

export async function getCaughtMessage(prisma: Prisma, shopId: string, id: string): Promise<CaughtMessageView> {
  const row = await prisma.caughtMessage.findFirst({ where: { id, shopId } });
  if (!row) throw notFound('The message');
  return viewOf(row);
}
