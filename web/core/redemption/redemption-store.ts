// The statements of a redemption after its request: claiming it for an attempt, reading what the
// Shopify call needs, recording the card, and the sweeper's claim of stuck redemptions. Raw SQL (the
// hot path runs inside the customer's request, see docs/architecture.md); on PostgreSQL writes that
// belong together are one statement, on SQLite one transaction.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db-client';
import { raiseStaffAlert, type NewStaffAlert } from '../alerts/staff-alert-store';
import { maskGiftCardCode } from '../crypto/mask-gift-card-code';
import { enqueueOutboxMessage, insertOutboxMessages } from '../messaging/outbox-queue';
import { formatMinorAsDecimal } from '../money';
import { sqlClientOf } from '../sql/sql-client';
import { sql, type SqlQuery } from '../sql/sql-query';
import { completeTask, completeTaskSql } from '../tasks/task-queue';
import { REDEMPTION_COLUMNS, redemptionFromRow, type RawRedemptionRow } from './redemption-rows';
import { ISSUE_REWARD_TASK, type CodeBox, type RedemptionRow } from './redemption-types';

/** A task row this worker holds (claimed, or inserted claimed). */
export interface HeldTask {
  id: string;
  workerId: string;
}

export const issueTaskReference = (redemptionId: string) => `${ISSUE_REWARD_TASK}:${redemptionId}`;
/** issueTaskReference of a redemption row inside SQL (the sweeper joins its task by it). */
const issueTaskReferenceOf = (alias: SqlQuery) => sql`CAST(${`${ISSUE_REWARD_TASK}:`} AS TEXT) || ${alias}."id"`;

export async function readRedemption(db: Db, redemptionId: string): Promise<RedemptionRow | null> {
  const [raw] = await sqlClientOf(db).query<RawRedemptionRow>(sql`SELECT ${REDEMPTION_COLUMNS} FROM "Redemption" WHERE "id" = ${redemptionId}`);
  return raw ? redemptionFromRow(raw) : null;
}

/** Takes a redemption for one attempt: status `issuing`, the attempt counted before Shopify is called. */
export async function claimRedemptionForIssue(db: Db, redemptionId: string, now: Date): Promise<RedemptionRow | null> {
  const [raw] = await sqlClientOf(db).query<RawRedemptionRow>(sql`
    UPDATE "Redemption" SET "status" = 'issuing', "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" = ${redemptionId} AND "status" IN ('requested', 'issuing')
    RETURNING ${REDEMPTION_COLUMNS}`);
  return raw ? redemptionFromRow(raw) : null;
}

export interface IssueContext {
  shopDomain: string;
  /** null when the app is uninstalled or has no offline token */
  accessToken: string | null;
  customerId: string;
}

/** Shop, offline token and customer in one round trip (this often runs inside the customer's request). */
export async function loadIssueContext(db: Db, redemption: Pick<RedemptionRow, 'shopId' | 'memberId'>): Promise<IssueContext | null> {
  const [row] = await sqlClientOf(db).query<{ domain: string; uninstalled: number | bigint | boolean; accessToken: string | null; shopifyCustomerId: string }>(sql`
    SELECT s."domain" AS "domain", CASE WHEN s."uninstalledAt" IS NULL THEN 0 ELSE 1 END AS "uninstalled",
           se."accessToken" AS "accessToken", m."shopifyCustomerId" AS "shopifyCustomerId"
    FROM "Member" m
    JOIN "Shop" s ON s."id" = m."shopId"
    LEFT JOIN "Session" se ON se."shop" = s."domain" AND se."isOnline" = FALSE
    WHERE m."id" = ${redemption.memberId} AND m."shopId" = ${redemption.shopId}`);
  if (!row) return null;
  return { shopDomain: row.domain, accessToken: Number(row.uninstalled) === 0 ? row.accessToken : null, customerId: row.shopifyCustomerId };
}

export async function recordIssueError(db: Db, redemptionId: string, message: string, now: Date): Promise<void> {
  await sqlClientOf(db).execute(sql`UPDATE "Redemption" SET "lastError" = ${message.slice(0, 2000)}, "updatedAt" = ${now} WHERE "id" = ${redemptionId}`);
}

/** A fresh code after Shopify said ours was TAKEN (sealed, like the first). */
export async function replaceGiftCardCode(db: Db, redemptionId: string, codeBox: CodeBox, code: string, now: Date): Promise<void> {
  await sqlClientOf(db).execute(sql`
    UPDATE "Redemption" SET "codeEncrypted" = ${codeBox.encrypt(code)}, "codeMasked" = ${maskGiftCardCode(code)}, "codeLast4" = ${code.slice(-4)}, "updatedAt" = ${now}
    WHERE "id" = ${redemptionId} AND "status" = 'issuing'`);
}

/** Of these Shopify ids, the ones no redemption of the shop has recorded (adoption is exclusive). */
export async function unrecordedShopifyIds(db: Db, shopId: string, ids: string[]): Promise<string[]> {
  const free: string[] = [];
  for (const id of ids) {
    const [taken] = await sqlClientOf(db).query<{ id: unknown }>(sql`SELECT "id" FROM "Redemption" WHERE "shopId" = ${shopId} AND "giftCardId" = ${id}`);
    if (!taken) free.push(id);
  }
  return free;
}

export interface IssuedCard {
  giftCardId: string;
  /** false when an adopted card's last characters do not match our code */
  codeKnown?: boolean;
  lastCharacters?: string;
}

/**
 * Records the card (status `issued`), queues the gift_card_issued message and completes the task,
 * atomically (and raises `alert`, when the sweeper settled it). On PostgreSQL without an alert that is
 * one statement: no BEGIN/COMMIT round trips in the customer's request. Returns undefined when the
 * redemption was no longer `issuing`.
 */
export async function recordIssued(
  db: Db,
  redemption: RedemptionRow,
  card: IssuedCard,
  options: { now: Date; task?: HeldTask; alert?: NewStaffAlert },
): Promise<RedemptionRow | undefined> {
  const { now, task, alert } = options;
  // The card exists but its code could not be recovered: keep what Shopify shows (last characters).
  const codeLost = card.codeKnown === false;
  const masked = codeLost ? maskGiftCardCode(`xxxxxxxx${card.lastCharacters ?? ''}`) : redemption.codeMasked;
  const markRow = sql`
    UPDATE "Redemption" SET "status" = 'issued', "giftCardId" = ${card.giftCardId}, "issuedAt" = ${now}, "updatedAt" = ${now},
      "lastError" = ${codeLost ? 'The card exists but its code could not be recovered; shown masked only.' : null},
      "codeEncrypted" = CASE WHEN ${codeLost ? 1 : 0} = 1 THEN NULL ELSE "codeEncrypted" END,
      "codeMasked" = ${masked}, "codeLast4" = COALESCE(${codeLost ? (card.lastCharacters ?? null) : null}, "codeLast4")
    WHERE "id" = ${redemption.id} AND "status" = 'issuing'
    RETURNING ${REDEMPTION_COLUMNS}`;
  const message = {
    shopId: redemption.shopId,
    memberId: redemption.memberId,
    event: 'gift_card_issued',
    // Never the plain code: the sender gets the mask and the redemption id (the code is sealed there).
    payload: {
      points: redemption.points,
      gift_card_value: `${formatMinorAsDecimal(redemption.valueMinor, redemption.currency)} ${redemption.currency}`,
      gift_card_code: redemption.rewardType === 'gift_card' ? masked : '',
      reward_type: redemption.rewardType,
      redemptionId: redemption.id,
      expiresOn: redemption.expiresOn,
    },
    idempotencyKey: `gift_card_issued:${redemption.id}`,
    now,
  };
  const client = sqlClientOf(db);
  if (client.dialect === 'postgresql' && !alert) {
    const [raw] = await client.query<RawRedemptionRow>(sql`
      WITH issued AS (${markRow}),
      message AS (${insertOutboxMessages(sql`
        SELECT ${randomUUID()}, "shopId", "memberId", ${message.event}, ${JSON.stringify(message.payload)}, ${message.idempotencyKey}, CAST(${now} AS TIMESTAMP(3)), CAST(${now} AS TIMESTAMP(3)) FROM issued`)}),
      done AS (${task ? sql`${completeTaskSql(task, task.workerId, now)} AND EXISTS (SELECT 1 FROM issued)` : sql`SELECT 1`})
      SELECT ${REDEMPTION_COLUMNS} FROM issued`);
    return raw ? redemptionFromRow(raw) : undefined;
  }
  return client.transaction(async (tx) => {
    const [raw] = await tx.query<RawRedemptionRow>(markRow);
    if (!raw) return undefined;
    await enqueueOutboxMessage(tx, message);
    if (task) await completeTask(tx, task, task.workerId, now);
    if (alert) await raiseStaffAlert(tx, alert, now);
    return redemptionFromRow(raw);
  });
}

export interface StuckRedemption {
  redemption: RedemptionRow;
  /** its issue task, fenced for the sweeper (null when it has none) */
  task: HeldTask | null;
}

/**
 * The sweeper's set-based claim: redemptions still `requested`/`issuing` whose last attempt is older
 * than `stuckAfterMs` and whose task is not about to run them (not queued, and not held under a live
 * lease). In the same statement their tasks are fenced (running, held by the sweeper for `leaseMs`),
 * so no job process runs an attempt while the sweeper settles them, and `updatedAt` moves on, so
 * another sweeper does not take them again within the lease.
 */
export async function claimStuckRedemptions(
  db: Db,
  options: { workerId: string; now: Date; stuckAfterMs: number; leaseMs: number; limit: number },
): Promise<StuckRedemption[]> {
  const { workerId, now, limit } = options;
  const cutoff = new Date(now.getTime() - options.stuckAfterMs);
  const lockedUntil = new Date(now.getTime() + options.leaseMs);
  const client = sqlClientOf(db);
  const stuck = (forUpdate: SqlQuery) => sql`
    SELECT r."id" FROM "Redemption" r
    WHERE r."status" IN ('requested', 'issuing') AND r."updatedAt" < ${cutoff}
      AND NOT EXISTS (
        SELECT 1 FROM "Task" t
        WHERE t."reference" = ${issueTaskReferenceOf(sql`r`)} AND (t."status" = 'queued' OR (t."status" = 'running' AND t."lockedUntil" >= ${now})))
    ORDER BY r."updatedAt" LIMIT ${limit} ${forUpdate}`;
  const claim = (ids: SqlQuery) => sql`
    UPDATE "Redemption" SET "status" = 'issuing', "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" IN (${ids}) AND "status" IN ('requested', 'issuing')`;
  const fence = (taskCondition: SqlQuery) => sql`
    UPDATE "Task" SET "status" = 'running', "lockedBy" = ${workerId}, "lockedUntil" = ${lockedUntil}, "updatedAt" = ${now}
    WHERE ${taskCondition} AND ("status" IN ('done', 'failed') OR ("status" = 'running' AND "lockedUntil" < ${now}))`;
  if (client.dialect === 'postgresql') {
    // A task a job process claims meanwhile fails the fence's condition; its redemption is then left
    // alone (claimed only when its task was fenced, or when it has none).
    const rows = await client.query<RawRedemptionRow & { taskId: unknown }>(sql`
      WITH stuck AS (${stuck(sql`FOR UPDATE SKIP LOCKED`)}),
      fenced AS (${fence(sql`"reference" IN (SELECT ${issueTaskReferenceOf(sql`stuck`)} FROM stuck)`)} RETURNING "id", "reference"),
      claimed AS (
        ${claim(sql`SELECT s."id" FROM stuck s
          WHERE EXISTS (SELECT 1 FROM fenced f WHERE f."reference" = ${issueTaskReferenceOf(sql`s`)})
             OR NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."reference" = ${issueTaskReferenceOf(sql`s`)})`)}
        RETURNING ${REDEMPTION_COLUMNS})
      SELECT c.*, (SELECT f."id" FROM fenced f WHERE f."reference" = ${issueTaskReferenceOf(sql`c`)}) AS "taskId" FROM claimed c`);
    return rows.map((row) => ({ redemption: redemptionFromRow(row), task: row.taskId ? { id: String(row.taskId), workerId } : null }));
  }
  // SQLite: one writer at a time, so the claim and the fences run as one transaction.
  return client.transaction(async (tx) => {
    const claimed = await tx.query<RawRedemptionRow>(sql`${claim(stuck(sql``))} RETURNING ${REDEMPTION_COLUMNS}`);
    const result: StuckRedemption[] = [];
    for (const raw of claimed) {
      const redemption = redemptionFromRow(raw);
      const [task] = await tx.query<{ id: unknown }>(sql`${fence(sql`"reference" = ${issueTaskReference(redemption.id)}`)} RETURNING "id"`);
      result.push({ redemption, task: task ? { id: String(task.id), workerId } : null });
    }
    return result;
  });
}
