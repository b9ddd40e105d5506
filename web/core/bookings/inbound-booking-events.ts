// Booking events as received (InboundBookingEvent): stored raw with their processing task in one
// transaction, deduplicated by (shop, provider, event id) like Shopify webhook deliveries; then
// marked with what processing made of them. This module owns the table.
import { randomUUID } from 'node:crypto';
import type { BookingReviewItem } from '../../contracts/bookings-api';
import { writeTransaction, type Db, type Prisma } from '../db-client';
import { AppError } from '../errors/app-error';
import { prismaSqlExecutor } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import { enqueueTask } from '../tasks/task-queue';
import { PROCESS_BOOKING_EVENT_TASK } from '../tasks/task-kinds';

export type BookingProvider = 'generic' | 'acuity';

export async function recordInboundBookingEvent(
  db: Db,
  input: { shopId: string; shopDomain: string; provider: BookingProvider; eventId: string; payload: string },
  now: Date,
): Promise<{ duplicate: boolean; id: string | null }> {
  return writeTransaction(db, async (tx) => {
    const id = randomUUID();
    const inserted = await prismaSqlExecutor(tx).execute(sql`
      INSERT INTO "InboundBookingEvent" ("id", "shopId", "provider", "eventId", "payload", "status", "receivedAt")
      VALUES (${id}, ${input.shopId}, ${input.provider}, ${input.eventId}, ${input.payload}, 'queued', ${now})
      ON CONFLICT ("shopId", "provider", "eventId") DO NOTHING`);
    if (inserted === 0) return { duplicate: true, id: null };
    await enqueueTask(prismaSqlExecutor(tx), { shopDomain: input.shopDomain, kind: PROCESS_BOOKING_EVENT_TASK, reference: `booking-event:${id}`, payload: { inboundEventId: id } }, now);
    return { duplicate: false, id };
  });
}

export async function readInboundBookingEvent(prisma: Prisma, id: string) {
  return prisma.inboundBookingEvent.findUnique({ where: { id } });
}

export async function markInboundBookingEvent(prisma: Prisma, id: string, outcome: { status: 'applied' | 'ignored' | 'needs_review'; note: string | null }, now: Date): Promise<void> {
  await prisma.inboundBookingEvent.update({ where: { id }, data: { status: outcome.status, note: outcome.note, processedAt: now } });
}


/**
 * Staff matched an event's customer to a member: the event is queued again and applied for that member
 * (its points, its history). Only an event waiting for review can be assigned, once.
 */
export async function assignBookingEventMember(db: Db, shopId: string, id: string, memberId: string, now: Date): Promise<void> {
  await writeTransaction(db, async (tx) => {
    const row = await tx.inboundBookingEvent.findFirst({ where: { id, shopId } });
    if (!row) throw new AppError('NOT_FOUND', 'This booking event was not found.');
    const member = await tx.member.findFirst({ where: { id: memberId, shopId }, select: { id: true } });
    if (!member) throw new AppError('NOT_FOUND', 'This member was not found.');
    const { count } = await tx.inboundBookingEvent.updateMany({ where: { id, status: 'needs_review' }, data: { status: 'queued', assignedMemberId: member.id, note: null } });
    if (count === 0) throw new AppError('CONFLICT', 'This booking event is not waiting for review.');
    const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { domain: true } });
    await enqueueTask(prismaSqlExecutor(tx), { shopDomain: shop.domain, kind: PROCESS_BOOKING_EVENT_TASK, reference: `booking-event:${id}:assigned`, payload: { inboundEventId: id } }, now);
  });
}

/** Events staff must look at (the customer matched no member), newest first. */
export async function listBookingEventsForReview(prisma: Prisma, shopId: string, limit = 100): Promise<BookingReviewItem[]> {
  const rows = await prisma.inboundBookingEvent.findMany({ where: { shopId, status: 'needs_review' }, orderBy: { receivedAt: 'desc' }, take: limit });
  return rows.map((row) => ({ id: row.id, provider: row.provider, eventId: row.eventId, note: row.note, receivedAt: row.receivedAt.toISOString(), payload: parsePayload(row.payload) }));
}

function parsePayload(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}
