// Steps 1-3 of the redemption workflow (redemption-workflow.ts): in ONE transaction debit the points
// (conditional, never negative), take one unit of stock, write the redemption and its `issue-reward`
// task. The Shopify call happens after, and can be retried; the compensation is reverseRedemption.
import { randomUUID } from 'node:crypto';
import { isRewardVisibleTo, parseVisibleToGroups, readMemberGroupIds } from '../groups/reward-visibility';
import { AppError } from '../errors/app-error';
import type { Db } from '../db-client';
import { appendPostedEntry } from '../ledger/append-posted-entry';
import { maskGiftCardCode } from '../crypto/mask-gift-card-code';
import { minorUnitsFromColumn } from '../money';
import { sqlClientOf, type SqlExecutor } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import { taskKinds } from '../tasks/task-kinds';
import { enqueueTaskSql, type TaskRow } from '../tasks/task-queue';
import { generateGiftCardCode } from './generate-gift-card-code';
import { findMemberByCustomer } from './customer-account';
import { REDEMPTION_COLUMNS, redemptionFromRow, type RawRedemptionRow } from './redemption-rows';
import { issueTaskReference } from './redemption-store';
import { ISSUE_REWARD_TASK, type CodeBox, type RedemptionRow } from './redemption-types';

export interface RequestRedemptionInput {
  shopId: string;
  shopDomain: string;
  /** who redeems: a member by id, or the member of a Shopify customer (what the routes know) */
  member: MemberKey;
  rewardId: string;
  /** client-supplied; the same key again returns the same redemption */
  idempotencyKey: string;
  requestedBy: 'customer' | 'staff';
  staffUserId?: string;
  now?: Date;
  /** insert the issue task already claimed by this worker, to run it at once (see redeemReward in redemption-workflow.ts) */
  claimTaskFor?: { workerId: string; lockedUntil: Date };
}

export type MemberKey = { id: string } | { customerGid: string };

export const ISSUE_REWARD_MAX_ATTEMPTS = taskKinds[ISSUE_REWARD_TASK].maxAttempts;

/** The reason loyalty_refuse raises inside the PostgreSQL redemption statement. */
const OUT_OF_STOCK = 'loyalty:out-of-stock';

/** Thrown inside the transaction when a concurrent identical request won the ledger key. */
class DuplicateRequest extends Error {}

export interface RequestedRedemption {
  redemption: RedemptionRow;
  created: boolean;
  /** the issue task, when it was inserted claimed (claimTaskFor) */
  task?: TaskRow;
}

export async function requestRedemption(db: Db, codeBox: CodeBox, input: RequestRedemptionInput): Promise<RequestedRedemption> {
  const key = input.idempotencyKey.trim();
  if (key.length < 8 || key.length > 200) throw new AppError('VALIDATION', 'The idempotency key must be 8-200 characters.');
  const client = sqlClientOf(db);
  try {
    const taskId = randomUUID();
    const redemption = await client.transaction((tx) => insertRedemption(tx, codeBox, { ...input, idempotencyKey: key }, taskId));
    const task: TaskRow | undefined = input.claimTaskFor
      ? { id: taskId, shopDomain: input.shopDomain, kind: ISSUE_REWARD_TASK, reference: issueTaskReference(redemption.id), payload: JSON.stringify({ redemptionId: redemption.id }), attempts: 1, maxAttempts: ISSUE_REWARD_MAX_ATTEMPTS }
      : undefined;
    return { redemption, created: true, task };
  } catch (error) {
    // A repeated key is looked up only now, off the common path: the first request with this key
    // has committed (a concurrent one is visible once its transaction ends), and its answer stands
    // even if the reward has since been disabled, sold out or the balance spent.
    const repeatable = error instanceof DuplicateRequest || error instanceof AppError || isUniqueViolation(error);
    if (!repeatable) throw error;
    const first = await findByKey(client, input.shopId, key);
    if (!first) {
      if (error instanceof DuplicateRequest) throw new Error('a redemption key conflicted but its redemption cannot be read');
      throw error;
    }
    const memberId = 'id' in input.member ? input.member.id : (await findMemberByCustomer(db, input.shopId, input.member.customerGid))?.id;
    // Someone who is no member here gets that answer, not word of another member's key.
    if (!memberId) throw error;
    if (first.memberId !== memberId || first.rewardId !== input.rewardId) {
      throw new AppError('CONFLICT', 'This idempotency key was already used for another redemption.');
    }
    return { redemption: first, created: false };
  }
}

interface RewardTerms {
  id: string;
  /** the redeeming member, null when the shop has no such member */
  memberId: string | null;
  type: string;
  title: string;
  valueMinor: number;
  currency: string;
  pointsCost: number;
  enabled: boolean;
  expiresAfterDays: number | null;
  perCustomerLimit: number | null;
  visibleToGroups: string;
}

/** The reward and, in the same round trip, the member who redeems it. */
async function findRewardFor(tx: SqlExecutor, shopId: string, rewardId: string, member: MemberKey): Promise<RewardTerms | null> {
  const memberMatch = 'id' in member ? sql`m."id" = ${member.id}` : sql`m."shopifyCustomerId" = ${member.customerGid}`;
  const [row] = await tx.query<Record<keyof RewardTerms, unknown>>(sql`
    SELECT r."id", r."type", r."title", r."valueMinor", r."currency", r."pointsCost", r."enabled", r."expiresAfterDays", r."perCustomerLimit",
      r."visibleToGroups", m."id" AS "memberId"
    FROM "GiftCardReward" r
    LEFT JOIN "Member" m ON m."shopId" = r."shopId" AND ${memberMatch}
    WHERE r."id" = ${rewardId} AND r."shopId" = ${shopId} AND r."archivedAt" IS NULL`);
  if (!row) return null;
  const optionalNumber = (value: unknown) => (value === null ? null : Number(value));
  return {
    id: String(row.id),
    memberId: row.memberId === null ? null : String(row.memberId),
    type: String(row.type),
    title: String(row.title),
    valueMinor: minorUnitsFromColumn(row.valueMinor as bigint | number),
    currency: String(row.currency),
    pointsCost: Number(row.pointsCost),
    enabled: row.enabled === true || Number(row.enabled) === 1,
    expiresAfterDays: optionalNumber(row.expiresAfterDays),
    perCustomerLimit: optionalNumber(row.perCustomerLimit),
    visibleToGroups: String(row.visibleToGroups),
  };
}

async function insertRedemption(tx: SqlExecutor, codeBox: CodeBox, input: RequestRedemptionInput, taskId: string): Promise<RedemptionRow> {
  const now = input.now ?? new Date();
  const reward = await findRewardFor(tx, input.shopId, input.rewardId, input.member);
  if (!reward) throw new AppError('NOT_FOUND', 'This reward was not found.');
  // Also what a customer id of another shop gets: this shop has no such member.
  const memberId = reward.memberId;
  if (!memberId) throw new AppError('NOT_FOUND', 'No loyalty account was found for this customer.');
  if (!reward.enabled) throw new AppError('CONFLICT', 'This reward is not available at the moment.');
  // A reward limited to groups: only their members may redeem it themselves; staff may still grant it.
  const groups = parseVisibleToGroups(reward.visibleToGroups);
  if (input.requestedBy === 'customer' && groups.length > 0 && !isRewardVisibleTo(groups, await readMemberGroupIds(tx, input.shopId, memberId, groups))) {
    throw new AppError('FORBIDDEN', 'This reward is reserved for members of a customer group you are not in.');
  }
  const id = randomUUID();
  // The ledger's idempotency key comes first: ON CONFLICT DO NOTHING waits for a concurrent
  // identical request and then reports "not created", without aborting our transaction (which a
  // failed INSERT would do on PostgreSQL).
  const entry = await appendPostedEntry(
    tx,
    {
      shopId: input.shopId,
      memberId,
      type: 'redeem',
      points: -reward.pointsCost,
      description: reward.title,
      sourceType: 'redemption',
      sourceId: id,
      idempotencyKey: `redeem:${input.idempotencyKey}`,
      staffUserId: input.staffUserId ?? null,
    },
    { now, allowNegative: false },
  );
  if (!entry.created) throw new DuplicateRequest();
  // The member row is locked by the debit above, so this count cannot race another redemption
  // of the same member (PostgreSQL re-reads committed rows per statement; SQLite has one writer).
  if (reward.perCustomerLimit !== null) {
    const [{ taken } = { taken: 0 }] = await tx.query<{ taken: unknown }>(sql`
      SELECT COUNT(*) AS "taken" FROM "Redemption"
      WHERE "shopId" = ${input.shopId} AND "memberId" = ${memberId} AND "rewardId" = ${reward.id} AND "status" <> 'reversed'`);
    if (Number(taken) >= reward.perCustomerLimit) throw new AppError('CONFLICT', 'You have already redeemed this reward as often as allowed.', { reason: 'PER_CUSTOMER_LIMIT' });
  }
  const takeStock = sql`
    UPDATE "GiftCardReward" SET "issuedCount" = "issuedCount" + 1, "updatedAt" = ${now}
    WHERE "id" = ${reward.id} AND ("stockLimit" IS NULL OR "issuedCount" < "stockLimit")`;
  const code = reward.type === 'gift_card' ? generateGiftCardCode() : null;
  const expiresOn = reward.expiresAfterDays ? new Date(now.getTime() + reward.expiresAfterDays * 86_400_000).toISOString().slice(0, 10) : null;
  // Issued in this request: the row starts as `issuing` with its first attempt counted, exactly as
  // the task's claim would leave it, so a job that takes over after a crash looks Shopify up first.
  const inline = input.claimTaskFor !== undefined;
  const insertRow = sql`
    INSERT INTO "Redemption" ("id", "shopId", "memberId", "rewardId", "rewardType", "points", "valueMinor", "currency", "status", "attempts",
      "idempotencyKey", "requestedBy", "staffUserId", "ledgerEntryId", "codeEncrypted", "codeMasked", "codeLast4", "expiresOn", "createdAt", "updatedAt")
    VALUES (${id}, ${input.shopId}, ${memberId}, ${reward.id}, ${reward.type}, ${reward.pointsCost}, ${reward.valueMinor}, ${reward.currency},
      ${inline ? 'issuing' : 'requested'}, ${inline ? 1 : 0}, ${input.idempotencyKey}, ${input.requestedBy}, ${input.staffUserId ?? null}, ${entry.id},
      ${code ? codeBox.encrypt(code) : null}, ${code ? maskGiftCardCode(code) : null}, ${code ? code.slice(-4) : null}, ${expiresOn}, ${now}, ${now})
    RETURNING ${REDEMPTION_COLUMNS}`;
  const insertTask = enqueueTaskSql(
    { id: taskId, shopDomain: input.shopDomain, kind: ISSUE_REWARD_TASK, reference: issueTaskReference(id), payload: { redemptionId: id }, runAt: now, claimedBy: input.claimTaskFor },
    now,
  );
  const outOfStock = () => new AppError('CONFLICT', 'This reward is out of stock.', { reason: 'OUT_OF_STOCK' });
  if (tx.dialect === 'postgresql') {
    // The three writes in one statement, and the transaction's last: out of stock makes the statement
    // fail (loyalty_refuse, migration 20261125180000), so its COMMIT can be queued behind it and every
    // redemption of a popular reward holds that reward's row lock only as long as PostgreSQL needs.
    const statement = sql`
      WITH stock AS (${takeStock} RETURNING "id"), redemption AS (${insertRow}), task AS (${insertTask})
      SELECT ${REDEMPTION_COLUMNS},
        CASE WHEN EXISTS (SELECT 1 FROM stock) THEN 1 ELSE "loyalty_refuse"(${OUT_OF_STOCK}) END AS "stockTaken"
      FROM redemption`;
    try {
      const [row] = tx.queryThenCommit ? await tx.queryThenCommit<RawRedemptionRow>(statement) : await tx.query<RawRedemptionRow>(statement);
      return redemptionFromRow(row!);
    } catch (error) {
      if ((error as { message?: string }).message === OUT_OF_STOCK) throw outOfStock();
      throw error;
    }
  }
  if ((await tx.execute(takeStock)) === 0) throw outOfStock();
  const [raw] = await tx.query<RawRedemptionRow>(insertRow);
  await tx.execute(insertTask);
  return redemptionFromRow(raw!);
}

async function findByKey(client: SqlExecutor, shopId: string, idempotencyKey: string): Promise<RedemptionRow | null> {
  const [raw] = await client.query<RawRedemptionRow>(sql`SELECT ${REDEMPTION_COLUMNS} FROM "Redemption" WHERE "shopId" = ${shopId} AND "idempotencyKey" = ${idempotencyKey}`);
  return raw ? redemptionFromRow(raw) : null;
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { code?: string; originalCode?: string } };
  return e?.code === 'P2002' || e?.cause?.originalCode === '23505' || /unique constraint/i.test(e?.message ?? '');
}
