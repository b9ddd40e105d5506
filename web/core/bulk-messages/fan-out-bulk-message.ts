// Fan-out: a due bulk message becomes one OutboxMessage row per recipient per channel, written set-based
// (INSERT … SELECT) in chunks of members ordered by id. Each chunk's rows and the checkpoint (the last
// member id written) commit in one transaction, and every row has the unique key
// bulk:<messageId>:<memberId>:<channel>, so a process killed mid fan-out loses nothing and repeats
// nothing: the next claim (after the lease) resumes after the checkpoint. Members who get nothing on a
// channel (no consent, no address) are written as `skipped` with the reason, so the statistics add up.
import type { Db } from '../db-client';
import { sqlClientOf, type SqlExecutor } from '../sql/sql-client';
import { sql, type SqlQuery } from '../sql/sql-query';
import { channelTable, inAudience, skipReasonFor } from './bulk-audience-sql';
import { channelsOf } from './bulk-message-input';

export const BULK_EVENT = 'bulk';
export const DEFAULT_FAN_OUT_CHUNK = 5000;
export const DEFAULT_FAN_OUT_LEASE_MS = 2 * 60_000;

export interface ClaimedBulkMessage {
  id: string;
  shopId: string;
  allMembers: boolean;
  groupIds: string[];
  channels: string;
  runAt: Date;
  fanOutCursor: string | null;
  /** the claim token: only the holder of this lease may move the checkpoint */
  lockedUntil: Date;
}

export function bulkIdempotencyPrefix(bulkMessageId: string): string {
  return `bulk:${bulkMessageId}:`;
}

/** One due message (scheduled and due, or a fan-out whose process died), taken with a lease. */
export async function claimDueBulkMessage(db: Db, now: Date, leaseMs = DEFAULT_FAN_OUT_LEASE_MS): Promise<ClaimedBulkMessage | undefined> {
  const candidates = await db.prisma.bulkMessage.findMany({
    where: { OR: [{ status: 'scheduled', runAt: { lte: now } }, { status: 'fanning_out', lockedUntil: { lt: now } }] },
    orderBy: { runAt: 'asc' },
    take: 5,
  });
  for (const candidate of candidates) {
    const lockedUntil = new Date(now.getTime() + leaseMs);
    // Conditional on the state we read: of two processes, one wins the row.
    const { count } = await db.prisma.bulkMessage.updateMany({
      where: { id: candidate.id, status: candidate.status, lockedUntil: candidate.lockedUntil },
      data: { status: 'fanning_out', lockedUntil, startedAt: candidate.startedAt ?? now },
    });
    if (count === 1) {
      return {
        id: candidate.id, shopId: candidate.shopId, allMembers: candidate.allMembers, groupIds: JSON.parse(candidate.groupIds) as string[],
        channels: candidate.channels, runAt: candidate.runAt, fanOutCursor: candidate.fanOutCursor, lockedUntil,
      };
    }
  }
  return undefined;
}

function timestamp(db: Db, value: Date): SqlQuery {
  return db.kind === 'postgresql' ? sql`CAST(${value} AS TIMESTAMP(3))` : sql`${value}`;
}

/** The rows of one chunk: members with cursor < id <= chunkEnd, per channel, pending or skipped with the reason. */
function insertChunk(db: Db, message: ClaimedBulkMessage, cursor: string, chunkEnd: string, now: Date): SqlQuery {
  const prefix = bulkIdempotencyPrefix(message.id);
  const payload = JSON.stringify({ category: 'marketing', bulkMessageId: message.id });
  const slice = { after: cursor, upTo: chunkEnd };
  // The reason is worked out once per member and channel (a derived table), then used twice. SQLite needs a
  // WHERE before ON CONFLICT in an INSERT … SELECT (else it reads ON as a join's), hence WHERE 1 = 1.
  return sql`
    INSERT INTO "OutboxMessage" ("id", "shopId", "memberId", "event", "channel", "payload", "idempotencyKey", "status", "lastError", "runAt", "createdAt", "bulkMessageId")
    SELECT CAST(${prefix} AS TEXT) || r."memberId" || ':' || r."channel", r."shopId", r."memberId", ${BULK_EVENT}, r."channel", ${payload},
           CAST(${prefix} AS TEXT) || r."memberId" || ':' || r."channel",
           CASE WHEN r."reason" IS NULL THEN 'pending' ELSE 'skipped' END, r."reason",
           ${timestamp(db, message.runAt)}, ${timestamp(db, now)}, ${message.id}
    FROM (
      SELECT m."id" AS "memberId", m."shopId" AS "shopId", c."channel" AS "channel", ${skipReasonFor(sql`c."channel"`, slice)} AS "reason"
      FROM "Member" m CROSS JOIN ${channelTable(channelsOf(message.channels))} c
      WHERE ${inAudience(message, slice)}
    ) r
    WHERE 1 = 1
    ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING`;
}

export interface FanOutResult {
  chunks: number;
  rows: number;
  done: boolean;
  /** the lease was taken over by another process: this one stopped */
  lostClaim: boolean;
}

export interface FanOutOptions {
  now: () => Date;
  chunkSize?: number;
  leaseMs?: number;
  /** test hook (crash tests): runs after each committed chunk */
  afterChunk?: (chunk: number) => void | Promise<void>;
  shouldStop?: () => boolean;
}

export async function fanOutBulkMessage(db: Db, message: ClaimedBulkMessage, options: FanOutOptions): Promise<FanOutResult> {
  const client = sqlClientOf(db);
  const chunkSize = options.chunkSize ?? DEFAULT_FAN_OUT_CHUNK;
  const leaseMs = options.leaseMs ?? DEFAULT_FAN_OUT_LEASE_MS;
  const result: FanOutResult = { chunks: 0, rows: 0, done: false, lostClaim: false };
  let cursor = message.fanOutCursor ?? '';
  let lease = message.lockedUntil;
  for (;;) {
    const [end] = await client.query<{ chunkEnd: string | null }>(sql`
      SELECT MAX(x."id") AS "chunkEnd" FROM (
        SELECT m."id" FROM "Member" m WHERE ${inAudience(message, { after: cursor })} ORDER BY m."id" LIMIT ${chunkSize}) x`);
    const chunkEnd = end?.chunkEnd ?? null;
    const now = options.now();
    const nextLease = new Date(now.getTime() + leaseMs);
    const committed = await client.transaction(async (tx: SqlExecutor) => {
      // Checkpoint first: it fences the chunk, so a process that lost its lease writes nothing.
      const moved = await tx.execute(sql`
        UPDATE "BulkMessage" SET "fanOutCursor" = ${chunkEnd ?? cursor}, "lockedUntil" = ${chunkEnd === null ? null : nextLease},
          "status" = ${chunkEnd === null ? 'sending' : 'fanning_out'}, "fannedOutAt" = ${chunkEnd === null ? now : null}, "updatedAt" = ${now}
        WHERE "id" = ${message.id} AND "status" = 'fanning_out' AND "lockedUntil" = ${lease}`);
      if (moved === 0) return undefined;
      return chunkEnd === null ? 0 : tx.execute(insertChunk(db, message, cursor, chunkEnd, now));
    });
    if (committed === undefined) {
      result.lostClaim = true;
      return result;
    }
    if (chunkEnd === null) {
      result.done = true;
      return result;
    }
    result.chunks += 1;
    result.rows += committed;
    cursor = chunkEnd;
    lease = nextLease;
    await options.afterChunk?.(result.chunks);
    if (options.shouldStop?.()) {
      // Stopping on purpose (shutdown): hand the claim back so the next run resumes at once, not after the lease.
      await db.prisma.bulkMessage.updateMany({ where: { id: message.id, status: 'fanning_out', lockedUntil: lease }, data: { lockedUntil: options.now() } });
      return result;
    }
  }
}

/** Sending is over once no row of the message is pending or sending: the message is done. */
export async function finishSentBulkMessages(db: Db, now: Date): Promise<number> {
  return sqlClientOf(db).execute(sql`
    UPDATE "BulkMessage" SET "status" = 'done', "finishedAt" = ${now}, "updatedAt" = ${now}
    WHERE "status" = 'sending' AND NOT EXISTS (
      SELECT 1 FROM "OutboxMessage" o WHERE o."bulkMessageId" = "BulkMessage"."id" AND o."status" IN ('pending', 'sending'))`);
}
