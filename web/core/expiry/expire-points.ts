// The expiry job: per shop with expiry on, one set-based read finds the members whose points are due
// to expire or to be warned about; then, in chunks, one transaction per chunk writes the `expire`
// entries (minus the member's posted balance, read under the row lock, so never more than the balance;
// pending points are not touched) and moves the balances, and another queues the points_expiring
// warnings. Both are keyed per expiry episode (see last-activity.ts): reruns and concurrent job
// processes write each effect once.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db-client';
import { insertOutboxMessages } from '../messaging/outbox-queue';
import { prismaSqlExecutor, sqlClientOf, type SqlExecutor } from '../sql/sql-client';
import { joinSql, sql, sqlList, toDate, type SqlQuery } from '../sql/sql-query';
import { shopClock } from '../reports/shop-clock';
import { expiryDateText, expiryKey, expiryWarningKey, lastActivitySql, latestActivityExpiredBy } from './last-activity';

export interface ExpirePointsResult {
  shops: number;
  warned: number;
  expired: number;
  points: number;
}

const DAY_MS = 86_400_000;

interface Candidate {
  memberId: string;
  lastActivityAt: Date;
  expiryDate: string;
}

const text = (value: string) => sql`CAST(${value} AS TEXT)`;

/** Portable inline rows (SQLite cannot name the columns of a VALUES list). */
function rowsSql(rows: Array<Record<string, string>>): SqlQuery {
  return joinSql(rows.map((row) => sql`SELECT ${joinSql(Object.entries(row).map(([name, value]) => sql`${text(value)} AS "${sqlName(name)}"`))}`), ' UNION ALL ');
}

function sqlName(name: string): SqlQuery {
  if (!/^[a-zA-Z]+$/.test(name)) throw new Error(`bad column name ${name}`);
  return { strings: Object.assign([name], { raw: [name] }) as unknown as TemplateStringsArray, values: [] };
}

async function expireChunk(tx: SqlExecutor, db: Db, shopId: string, chunk: Candidate[], description: string, now: Date): Promise<{ expired: number; points: number }> {
  const rows = chunk.map((c) => ({ memberId: c.memberId, entryId: randomUUID(), key: expiryKey(c.memberId, c.lastActivityAt) }));
  if (db.kind === 'postgresql') {
    // One statement: members locked in id order (like every other writer of Member rows), the balance
    // read under that lock, the entries inserted unless their episode already expired, balances moved.
    const [totals] = await tx.query<{ expired: number | bigint; points: number | bigint | null }>(sql`
      WITH v AS (
        SELECT * FROM unnest(CAST(${rows.map((r) => r.memberId)} AS TEXT[]), CAST(${rows.map((r) => r.entryId)} AS TEXT[]), CAST(${rows.map((r) => r.key)} AS TEXT[]))
          AS v("memberId", "entryId", "key")
      ), locked AS (
        SELECT m."id", m."balance" FROM "Member" m WHERE m."id" IN (SELECT v."memberId" FROM v) AND m."shopId" = ${shopId} ORDER BY m."id" FOR UPDATE
      ), inserted AS (
        INSERT INTO "LedgerEntry" ("id", "shopId", "memberId", "type", "status", "points", "description", "sourceType", "sourceId", "idempotencyKey", "postedAt", "createdAt")
        SELECT v."entryId", ${shopId}, l."id", 'expire', 'posted', -l."balance", ${description}, 'job', 'points-expiry', v."key", ${now}, ${now}
        FROM locked l JOIN v ON v."memberId" = l."id" WHERE l."balance" > 0
        ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING
        RETURNING "memberId", "points"
      ), moved AS (
        UPDATE "Member" m SET "balance" = m."balance" + i."points", "updatedAt" = ${now} FROM inserted i WHERE m."id" = i."memberId" RETURNING m."id"
      )
      SELECT (SELECT COUNT(*) FROM moved) AS "expired", (SELECT SUM("points") FROM inserted) AS "points"`);
    return { expired: Number(totals?.expired ?? 0), points: -Number(totals?.points ?? 0) };
  }
  // SQLite: one writer, so the balance read by the INSERT cannot change before the UPDATE.
  await tx.execute(sql`
    INSERT INTO "LedgerEntry" ("id", "shopId", "memberId", "type", "status", "points", "description", "sourceType", "sourceId", "idempotencyKey", "postedAt", "createdAt")
    SELECT v."entryId", ${shopId}, m."id", 'expire', 'posted', -m."balance", ${description}, 'job', 'points-expiry', v."key", ${now}, ${now}
    FROM "Member" m JOIN (${rowsSql(rows)}) v ON v."memberId" = m."id"
    WHERE m."shopId" = ${shopId} AND m."balance" > 0
    ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING`);
  const inserted = sql`SELECT e."memberId", e."points" FROM "LedgerEntry" e WHERE e."id" IN ${sqlList(rows.map((row) => row.entryId))}`;
  const [totals] = await tx.query<{ expired: number | bigint; points: number | bigint | null }>(sql`SELECT COUNT(*) AS "expired", SUM(x."points") AS "points" FROM (${inserted}) x`);
  await tx.execute(sql`
    UPDATE "Member" SET "balance" = "Member"."balance" + x."points", "updatedAt" = ${now}
    FROM (${inserted}) x WHERE "Member"."id" = x."memberId"`);
  return { expired: Number(totals?.expired ?? 0), points: -Number(totals?.points ?? 0) };
}

async function warnChunk(tx: SqlExecutor, db: Db, shopId: string, chunk: Candidate[], now: Date): Promise<number> {
  const rows = chunk.map((c) => ({ memberId: c.memberId, messageId: randomUUID(), key: expiryWarningKey(c.memberId, c.lastActivityAt), expiryDate: c.expiryDate }));
  const values = db.kind === 'postgresql'
    ? sql`SELECT * FROM unnest(CAST(${rows.map((r) => r.memberId)} AS TEXT[]), CAST(${rows.map((r) => r.messageId)} AS TEXT[]), CAST(${rows.map((r) => r.key)} AS TEXT[]), CAST(${rows.map((r) => r.expiryDate)} AS TEXT[])) AS u("memberId", "messageId", "key", "expiryDate")`
    : rowsSql(rows);
  // The amount is the balance now; the date is the shop-local day (formatted in the member's language when sent).
  return tx.execute(insertOutboxMessages(sql`
    SELECT v."messageId", ${shopId}, m."id", 'points_expiring',
      '{"points":' || CAST(m."balance" AS TEXT) || ',"expiry_date":"' || v."expiryDate" || '"}', v."key", ${now}, ${now}
    FROM "Member" m JOIN (${values}) v ON v."memberId" = m."id"
    WHERE m."shopId" = ${shopId} AND m."balance" > 0`));
}

function chunksOf<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

interface ShopExpiry {
  shopId: string;
  timezone: string;
  inactivityMonths: number;
  warningDays: number;
}

/** One shop's run; false when it stopped early because the process is stopping. */
async function expireShop(db: Db, shop: ShopExpiry, result: ExpirePointsResult, options: { now: Date; chunkSize: number; shouldStop?: () => boolean }): Promise<boolean> {
  const { now } = options;
  const client = sqlClientOf(db);
  // Expired: last activity up to dueBy. Warned: up to warnBy (expiring within warningDays).
  const dueBy = latestActivityExpiredBy(now, shop.inactivityMonths, shop.timezone);
  const warnBy = latestActivityExpiredBy(new Date(now.getTime() + shop.warningDays * DAY_MS), shop.inactivityMonths, shop.timezone);
  const rows = await prismaSqlExecutor(db.prisma).query<{ memberId: string; lastActivityAt: unknown }>(
    lastActivitySql(shop.shopId, sql` AND m."balance" > 0 AND COALESCE(a."last", m."createdAt") <= ${warnBy}`),
  );
  const clock = shopClock(shop.timezone);
  const due: Candidate[] = [];
  const warn: Candidate[] = [];
  for (const row of rows) {
    const lastActivityAt = toDate(row.lastActivityAt);
    if (lastActivityAt <= dueBy) due.push({ memberId: row.memberId, lastActivityAt, expiryDate: '' });
    else if (shop.warningDays > 0) warn.push({ memberId: row.memberId, lastActivityAt, expiryDate: expiryDateText(lastActivityAt, shop.inactivityMonths, clock) });
  }
  const description = `Points expired after ${shop.inactivityMonths} months without activity`;
  for (const chunk of chunksOf(due, options.chunkSize)) {
    const done = await client.transaction((tx) => expireChunk(tx, db, shop.shopId, chunk, description, now));
    result.expired += done.expired;
    result.points += done.points;
    if (options.shouldStop?.()) return false;
  }
  for (const chunk of chunksOf(warn, options.chunkSize)) {
    result.warned += await client.transaction((tx) => warnChunk(tx, db, shop.shopId, chunk, now));
    if (options.shouldStop?.()) return false;
  }
  return true;
}

export async function expirePoints(db: Db, options: { now: Date; shopId?: string; chunkSize?: number; shouldStop?: () => boolean }): Promise<ExpirePointsResult> {
  const settings = await db.prisma.pointsExpirySettings.findMany({ where: { enabled: true, ...(options.shopId ? { shopId: options.shopId } : {}) } });
  const shops = new Map((await db.prisma.shop.findMany({ where: { id: { in: settings.map((s) => s.shopId) }, uninstalledAt: null }, select: { id: true, ianaTimezone: true } })).map((s) => [s.id, s.ianaTimezone]));
  const result: ExpirePointsResult = { shops: 0, warned: 0, expired: 0, points: 0 };
  // A shop whose run fails must not hold back the others; the failures are thrown together at the end.
  const failures: unknown[] = [];
  for (const setting of settings) {
    const timezone = shops.get(setting.shopId);
    if (timezone === undefined) continue;
    if (options.shouldStop?.()) break;
    result.shops += 1;
    try {
      const finished = await expireShop(db, { ...setting, timezone }, result, { now: options.now, chunkSize: options.chunkSize ?? 1000, ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}) });
      if (!finished) break;
    } catch (error) {
      failures.push(new Error(`points expiry of shop ${setting.shopId} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `points expiry failed for ${failures.length} of ${settings.length} shops; the others ran`);
  return result;
}
