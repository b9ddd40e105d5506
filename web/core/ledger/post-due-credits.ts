// Posts pending points whose time has come, in set-based batches: each batch moves the entries to
// `posted`, adds them to the members' balances and writes one outbox notification per credit, in one
// transaction. On PostgreSQL, FOR UPDATE SKIP LOCKED lets several job processes share the work;
// SQLite has a single writer, so its batches simply serialise.
import type { Db } from '../db-client';
import { enqueueMemberGroupRefresh } from '../groups/enqueue-member-group-refresh';
import { insertOutboxMessages } from '../messaging/outbox-queue';
import { sqlClientOf, type SqlExecutor } from '../sql/sql-client';
import { sql, type SqlQuery } from '../sql/sql-query';

export interface PostDueCreditsResult {
  posted: number;
  points: number;
  batches: number;
}

/** PostgreSQL: the whole batch in one statement (data-modifying CTEs). */
function postgresBatch(now: Date, batchSize: number): SqlQuery {
  return sql`
WITH due AS (
  SELECT "id" FROM "LedgerEntry"
  WHERE "status" = 'pending' AND "availableAt" <= ${now}
  ORDER BY "availableAt"
  LIMIT ${batchSize}
  FOR UPDATE SKIP LOCKED
), posted AS (
  UPDATE "LedgerEntry" e SET "status" = 'posted', "postedAt" = ${now}
  FROM due WHERE e."id" = due."id"
  RETURNING e."id", e."shopId", e."memberId", e."points", e."description"
), per_member AS (
  SELECT "memberId", SUM("points")::int AS "points" FROM posted GROUP BY "memberId"
), locked_members AS (
  -- Members are locked in id order, like every other writer of Member rows: two job processes whose
  -- batches share members otherwise lock them in opposite orders and deadlock.
  SELECT m."id" FROM "Member" m WHERE m."id" IN (SELECT "memberId" FROM per_member) ORDER BY m."id" FOR UPDATE
), balances AS (
  UPDATE "Member" m SET "balance" = m."balance" + pm."points", "pendingPoints" = m."pendingPoints" - pm."points", "updatedAt" = ${now}
  FROM per_member pm JOIN locked_members lm ON lm."id" = pm."memberId" WHERE m."id" = pm."memberId"
  RETURNING m."id", m."balance"
), outbox AS (${insertOutboxMessages(sql`
  SELECT 'credit_' || p."id", p."shopId", p."memberId", 'points_credited',
         json_build_object('entryId', p."id", 'points', p."points", 'description', p."description")::text,
         'credited:' || p."id", ${now}, ${now}
  FROM posted p`)}
)
SELECT "shopId", "memberId", COUNT(*)::int AS "posted", COALESCE(SUM("points"), 0)::int AS "points" FROM posted GROUP BY "shopId", "memberId"`;
}

/** SQLite (no data-modifying CTEs, one writer): the same steps in one transaction, over a temp table of the batch. */
interface CreditedMember {
  shopId: string;
  memberId: string;
  posted: number;
  points: number;
}

/** Balance and points-earned rules and tiers follow the credit: a refresh task queued in its transaction. */
async function refreshCreditedMembers(tx: SqlExecutor, credited: CreditedMember[], now: Date): Promise<{ posted: number; points: number }> {
  const byShop = new Map<string, string[]>();
  for (const row of credited) byShop.set(row.shopId, [...(byShop.get(row.shopId) ?? []), row.memberId]);
  for (const [shopId, memberIds] of [...byShop].sort(([a], [b]) => (a < b ? -1 : 1))) await enqueueMemberGroupRefresh(tx, shopId, memberIds, 'credit', now);
  return { posted: credited.reduce((sum, row) => sum + Number(row.posted), 0), points: credited.reduce((sum, row) => sum + Number(row.points), 0) };
}

async function postBatchSqlite(tx: SqlExecutor, now: Date, batchSize: number): Promise<{ posted: number; points: number }> {
  await tx.execute(sql`CREATE TEMP TABLE IF NOT EXISTS "due_credit" ("id" TEXT PRIMARY KEY)`);
  await tx.execute(sql`DELETE FROM "due_credit"`);
  await tx.execute(sql`
    INSERT INTO "due_credit" ("id")
    SELECT "id" FROM "LedgerEntry" WHERE "status" = 'pending' AND "availableAt" <= ${now} ORDER BY "availableAt" LIMIT ${batchSize}`);
  await tx.execute(sql`
    UPDATE "Member" SET "balance" = "Member"."balance" + pm."points", "pendingPoints" = "Member"."pendingPoints" - pm."points", "updatedAt" = ${now}
    FROM (SELECT e."memberId", SUM(e."points") AS "points" FROM "LedgerEntry" e JOIN "due_credit" d ON d."id" = e."id" GROUP BY e."memberId") pm
    WHERE "Member"."id" = pm."memberId"`);
  await tx.execute(insertOutboxMessages(sql`
    SELECT 'credit_' || e."id", e."shopId", e."memberId", 'points_credited',
           json_object('entryId', e."id", 'points', e."points", 'description', e."description"),
           'credited:' || e."id", ${now}, ${now}
    FROM "LedgerEntry" e JOIN "due_credit" d ON d."id" = e."id"`));
  const credited = await tx.query<CreditedMember>(sql`
    SELECT e."shopId", e."memberId", COUNT(*) AS "posted", COALESCE(SUM(e."points"), 0) AS "points"
    FROM "LedgerEntry" e JOIN "due_credit" d ON d."id" = e."id" GROUP BY e."shopId", e."memberId"`);
  await tx.execute(sql`UPDATE "LedgerEntry" SET "status" = 'posted', "postedAt" = ${now} WHERE "id" IN (SELECT "id" FROM "due_credit")`);
  return refreshCreditedMembers(tx, credited, now);
}

async function postBatch(db: Db, now: Date, batchSize: number): Promise<{ posted: number; points: number }> {
  const client = sqlClientOf(db);
  if (db.kind === 'postgresql') {
    return client.transaction(async (tx) => refreshCreditedMembers(tx, await tx.query<CreditedMember>(postgresBatch(now, batchSize)), now));
  }
  return client.transaction((tx) => postBatchSqlite(tx, now, batchSize));
}

/** `shouldStop` is checked between batches: true ends the run early (the process is stopping). */
export async function postDueCredits(db: Db, options: { now?: Date; batchSize?: number; maxBatches?: number; shouldStop?: () => boolean } = {}): Promise<PostDueCreditsResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 5000;
  const result: PostDueCreditsResult = { posted: 0, points: 0, batches: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? Number.POSITIVE_INFINITY); batch += 1) {
    const done = await postBatch(db, now, batchSize);
    if (done.posted === 0) break;
    result.posted += done.posted;
    result.points += done.points;
    result.batches += 1;
    if (done.posted < batchSize || options.shouldStop?.()) break;
  }
  return result;
}
