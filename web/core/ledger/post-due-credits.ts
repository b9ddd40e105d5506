// Posts pending points whose time has come, in set-based batches: each batch moves the entries to
// `posted`, adds them to the members' balances and writes one outbox notification per credit, in one
// transaction. On PostgreSQL, FOR UPDATE SKIP LOCKED lets several job processes share the work;
// SQLite has a single writer, so its batches simply serialise.
import { writeTransaction, type Db, type Tx } from '../db-client';

export interface PostDueCreditsResult {
  posted: number;
  points: number;
  batches: number;
}

const POSTGRES_BATCH = `
WITH due AS (
  SELECT "id" FROM "LedgerEntry"
  WHERE "status" = 'pending' AND "availableAt" <= $1
  ORDER BY "availableAt"
  LIMIT $2
  FOR UPDATE SKIP LOCKED
), posted AS (
  UPDATE "LedgerEntry" e SET "status" = 'posted', "postedAt" = $1
  FROM due WHERE e."id" = due."id"
  RETURNING e."id", e."shopId", e."memberId", e."points", e."description"
), per_member AS (
  SELECT "memberId", SUM("points")::int AS "points" FROM posted GROUP BY "memberId"
), balances AS (
  UPDATE "Member" m SET "balance" = m."balance" + pm."points", "pendingPoints" = m."pendingPoints" - pm."points", "updatedAt" = $1
  FROM per_member pm WHERE m."id" = pm."memberId"
  RETURNING m."id", m."balance"
), outbox AS (
  INSERT INTO "OutboxMessage" ("id", "shopId", "memberId", "event", "channel", "payload", "idempotencyKey", "status", "attempts", "runAt", "createdAt")
  SELECT 'credit_' || p."id", p."shopId", p."memberId", 'points_credited', 'email',
         json_build_object('entryId', p."id", 'points', p."points", 'description', p."description")::text,
         'credited:' || p."id", 'pending', 0, $1, $1
  FROM posted p
  ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING
)
SELECT COUNT(*)::int AS "posted", COALESCE(SUM("points"), 0)::int AS "points" FROM posted`;

async function postBatchPostgres(db: Db, now: Date, batchSize: number): Promise<{ posted: number; points: number }> {
  const rows = await db.prisma.$queryRawUnsafe<Array<{ posted: number; points: number }>>(POSTGRES_BATCH, now, batchSize);
  return rows[0] ?? { posted: 0, points: 0 };
}

async function postBatchSqlite(db: Db, now: Date, batchSize: number): Promise<{ posted: number; points: number }> {
  return writeTransaction(db, async (tx: Tx) => {
    await tx.$executeRawUnsafe('CREATE TEMP TABLE IF NOT EXISTS "due_credit" ("id" TEXT PRIMARY KEY)');
    await tx.$executeRawUnsafe('DELETE FROM "due_credit"');
    await tx.$executeRaw`
      INSERT INTO "due_credit" ("id")
      SELECT "id" FROM "LedgerEntry" WHERE "status" = 'pending' AND "availableAt" <= ${now} ORDER BY "availableAt" LIMIT ${batchSize}`;
    await tx.$executeRaw`
      UPDATE "Member" SET "balance" = "Member"."balance" + pm."points", "pendingPoints" = "Member"."pendingPoints" - pm."points", "updatedAt" = ${now}
      FROM (SELECT e."memberId", SUM(e."points") AS "points" FROM "LedgerEntry" e JOIN "due_credit" d ON d."id" = e."id" GROUP BY e."memberId") pm
      WHERE "Member"."id" = pm."memberId"`;
    await tx.$executeRaw`
      INSERT INTO "OutboxMessage" ("id", "shopId", "memberId", "event", "channel", "payload", "idempotencyKey", "status", "attempts", "runAt", "createdAt")
      SELECT 'credit_' || e."id", e."shopId", e."memberId", 'points_credited', 'email',
             json_object('entryId', e."id", 'points', e."points", 'description', e."description"),
             'credited:' || e."id", 'pending', 0, ${now}, ${now}
      FROM "LedgerEntry" e JOIN "due_credit" d ON d."id" = e."id"
      ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING`;
    const totals = await tx.$queryRawUnsafe<Array<{ posted: number | bigint; points: number | bigint | null }>>(
      'SELECT COUNT(*) AS "posted", SUM(e."points") AS "points" FROM "LedgerEntry" e JOIN "due_credit" d ON d."id" = e."id"',
    );
    await tx.$executeRaw`UPDATE "LedgerEntry" SET "status" = 'posted', "postedAt" = ${now} WHERE "id" IN (SELECT "id" FROM "due_credit")`;
    return { posted: Number(totals[0]?.posted ?? 0), points: Number(totals[0]?.points ?? 0) };
  });
}

/** `shouldStop` is checked between batches: true ends the run early (the process is stopping). */
export async function postDueCredits(db: Db, options: { now?: Date; batchSize?: number; maxBatches?: number; shouldStop?: () => boolean } = {}): Promise<PostDueCreditsResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 5000;
  const result: PostDueCreditsResult = { posted: 0, points: 0, batches: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? Number.POSITIVE_INFINITY); batch += 1) {
    const done = db.kind === 'postgresql' ? await postBatchPostgres(db, now, batchSize) : await postBatchSqlite(db, now, batchSize);
    if (done.posted === 0) break;
    result.posted += done.posted;
    result.points += done.points;
    result.batches += 1;
    if (done.posted < batchSize || options.shouldStop?.()) break;
  }
  return result;
}
