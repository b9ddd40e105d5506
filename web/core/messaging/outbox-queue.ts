// The outbox as a work queue. A claim is one conditional UPDATE (FOR UPDATE SKIP LOCKED on
// PostgreSQL) that moves due rows to `sending` with a lease, so any number of workers can run and a
// claim whose worker died is taken again once its lease has expired.
//
// Order per member: a message is claimable only when no older message of the same member is still
// pending or sending. So one member never has two messages in flight, and a message waiting for a
// retry holds back the member's later ones instead of being overtaken. "Older" is (createdAt, id):
// rows written in one transaction share createdAt, and their ids then decide.
import { randomUUID } from 'node:crypto';
import type { Db, Prisma, Tx } from '../db-client';
import { asSqlExecutor, prismaSqlExecutor, type SqlExecutor } from '../sql/sql-client';
import { sql, type SqlQuery } from '../sql/sql-query';

export interface ClaimedMessage {
  id: string;
  shopId: string;
  memberId: string;
  event: string;
  channel: string;
  payload: string;
  /** Including this claim. */
  attempts: number;
  /** The lease; doubles as the claim token, so a worker whose lease was taken over records nothing. */
  lockedUntil: Date;
}

export interface ClaimOutboxOptions {
  limit: number;
  now: Date;
  leaseMs: number;
}

export const DEFAULT_OUTBOX_LEASE_MS = 2 * 60_000;
export const MAX_OUTBOX_ATTEMPTS = 8;

/** Due (or a lapsed lease), and no older message of the same member still pending or sending. */
const claimable = (now: Date) => sql`
  ((o."status" = 'pending' AND o."runAt" <= ${now})
    OR (o."status" = 'sending' AND o."lockedUntil" < ${now}))
  AND NOT EXISTS (
    SELECT 1 FROM "OutboxMessage" older
    WHERE older."shopId" = o."shopId" AND older."memberId" = o."memberId"
      AND older."status" IN ('pending', 'sending')
      AND (older."createdAt" < o."createdAt" OR (older."createdAt" = o."createdAt" AND older."id" < o."id")))`;

type ClaimRow = Omit<ClaimedMessage, 'lockedUntil' | 'attempts'> & { attempts: number | bigint };

export async function claimOutboxMessages(db: Db, options: ClaimOutboxOptions): Promise<ClaimedMessage[]> {
  const lockedUntil = new Date(options.now.getTime() + options.leaseMs);
  // PostgreSQL skips the rows another worker is claiming; SQLite has one writer at a time, so the
  // UPDATE … WHERE id IN (SELECT …) is atomic by itself.
  const skipLocked = db.kind === 'postgresql' ? sql` FOR UPDATE SKIP LOCKED` : sql``;
  const rows = await prismaSqlExecutor(db.prisma).query<ClaimRow>(sql`
    UPDATE "OutboxMessage" SET "status" = 'sending', "lockedUntil" = ${lockedUntil}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT o."id" FROM "OutboxMessage" o
      WHERE ${claimable(options.now)}
      ORDER BY o."runAt", o."createdAt", o."id" LIMIT ${options.limit}${skipLocked})
    RETURNING "id", "shopId", "memberId", "event", "channel", "payload", "attempts"`);
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts), lockedUntil }));
}

type Claim = Pick<ClaimedMessage, 'id' | 'lockedUntil'>;

function ownClaim(claim: Claim) {
  return { id: claim.id, status: 'sending', lockedUntil: claim.lockedUntil };
}

/** Recorded right after the provider accepted the message. Returns false if the lease was lost. */
export async function markOutboxSent(prisma: Prisma, claim: Claim, providerResponse: unknown, now: Date): Promise<boolean> {
  const { count } = await prisma.outboxMessage.updateMany({
    where: ownClaim(claim),
    data: { status: 'sent', sentAt: now, lockedUntil: null, lastError: null, providerResponse: JSON.stringify(providerResponse) },
  });
  return count > 0;
}

/** For good: the provider refused it (bad address, rejected content) or attempts ran out. */
export async function markOutboxFailed(prisma: Prisma, claim: Claim, reason: string, providerResponse?: unknown): Promise<boolean> {
  const { count } = await prisma.outboxMessage.updateMany({
    where: ownClaim(claim),
    data: {
      status: 'failed',
      lockedUntil: null,
      lastError: reason.slice(0, 2000),
      ...(providerResponse !== undefined ? { providerResponse: JSON.stringify(providerResponse) } : {}),
    },
  });
  return count > 0;
}

/** Not sent on purpose (no consent, no address, no SMS text): final, and the reason is kept. */
export async function markOutboxSkipped(prisma: Prisma, claim: Claim, reason: string): Promise<boolean> {
  const { count } = await prisma.outboxMessage.updateMany({
    where: ownClaim(claim),
    data: { status: 'skipped', lockedUntil: null, lastError: reason },
  });
  return count > 0;
}

/** 30 s, 1 min, 2 min … capped at 1 h: eight attempts span about two hours of provider outage. */
export function outboxRetryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** Back to `pending` after the backoff, or `failed` once the attempts are used up. */
export async function retryOutboxLater(prisma: Prisma, claim: Claim & { attempts: number }, reason: string, now: Date): Promise<'retry' | 'failed'> {
  if (claim.attempts >= MAX_OUTBOX_ATTEMPTS) {
    await markOutboxFailed(prisma, claim, `Gave up after ${claim.attempts} attempts: ${reason}`);
    return 'failed';
  }
  await prisma.outboxMessage.updateMany({
    where: ownClaim(claim),
    data: { status: 'pending', lockedUntil: null, lastError: reason.slice(0, 2000), runAt: new Date(now.getTime() + outboxRetryDelayMs(claim.attempts)) },
  });
  return 'retry';
}

export interface NewOutboxMessage {
  shopId: string;
  memberId: string;
  event: string;
  payload: Record<string, unknown>;
  /** one message per effect: a second insert with the same key is ignored */
  idempotencyKey: string;
  now: Date;
}

/**
 * The one INSERT of event messages into OutboxMessage: one message per row of `rows` (a VALUES list or a
 * SELECT giving id, shopId, memberId, event, payload, idempotencyKey, runAt, createdAt in that order) and
 * per channel the shop chose for the event (MessageEventChannel; no row = e-mail only). The SMS row's id
 * and key are the e-mail's with `:sms` appended, so each channel is its own effect. A key already queued
 * is skipped. Statements that queue messages set-based (a CTE on PostgreSQL) splice it in.
 */
export function insertOutboxMessages(rows: SqlQuery): SqlQuery {
  // Timestamps are cast because a VALUES list inside a CTE gives PostgreSQL no column to infer them from.
  return sql`
    WITH "new_message" ("id", "shopId", "memberId", "event", "payload", "idempotencyKey", "runAt", "createdAt") AS (${rows})
    INSERT INTO "OutboxMessage" ("id", "shopId", "memberId", "event", "channel", "payload", "idempotencyKey", "runAt", "createdAt")
    SELECT CASE WHEN c."channel" = 'sms' THEN n."id" || ':sms' ELSE n."id" END, n."shopId", n."memberId", n."event", c."channel", n."payload",
           CASE WHEN c."channel" = 'sms' THEN n."idempotencyKey" || ':sms' ELSE n."idempotencyKey" END,
           CAST(n."runAt" AS TIMESTAMP(3)), CAST(n."createdAt" AS TIMESTAMP(3))
    FROM "new_message" n
    CROSS JOIN (SELECT 'email' AS "channel" UNION ALL SELECT 'sms') c
    LEFT JOIN "MessageEventChannel" chosen ON chosen."shopId" = n."shopId" AND chosen."event" = n."event"
    WHERE CASE WHEN c."channel" = 'sms' THEN COALESCE(chosen."channels", 'email') IN ('sms', 'both')
               ELSE COALESCE(chosen."channels", 'email') IN ('email', 'both') END
    ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING`;
}

/** Queues a message in the transaction that caused it (a Prisma transaction or a raw-SQL one). */
export async function enqueueOutboxMessage(target: SqlExecutor | Tx, message: NewOutboxMessage): Promise<boolean> {
  const inserted = await asSqlExecutor(target).execute(insertOutboxMessages(sql`
    VALUES (${randomUUID()}, ${message.shopId}, ${message.memberId}, ${message.event}, ${JSON.stringify(message.payload)}, ${message.idempotencyKey}, ${message.now}, ${message.now})`));
  return inserted > 0;
}
