// Points -> reward, step one: in ONE transaction debit the points (conditional, never negative),
// take one unit of stock, write the redemption and its `issue-reward` task. The Shopify call happens
// later in the task, which can be retried; its compensation is reverseRedemption.
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error';
import { writeTransaction, type Db, type Tx } from '../db-client';
import { appendPostedEntry } from '../ledger/append-posted-entry';
import { maskGiftCardCode } from '../crypto/mask-gift-card-code';
import { enqueueTask, type TaskRow } from '../tasks/task-queue';
import { generateGiftCardCode } from './generate-gift-card-code';
import { ISSUE_REWARD_TASK, type CodeBox, type RedemptionRow } from './redemption-types';

export interface RequestRedemptionInput {
  shopId: string;
  shopDomain: string;
  memberId: string;
  rewardId: string;
  /** client-supplied; the same key again returns the same redemption */
  idempotencyKey: string;
  requestedBy: 'customer' | 'staff';
  staffUserId?: string;
  now?: Date;
  /** insert the issue task already claimed by this worker, to run it at once (see redeem-and-issue) */
  claimTaskFor?: { workerId: string; lockedUntil: Date };
}

export const ISSUE_REWARD_MAX_ATTEMPTS = 6;

export const issueTaskReference = (redemptionId: string) => `issue-reward:${redemptionId}`;

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
  const existing = await findByKey(db, input.shopId, key);
  if (existing) return { redemption: assertSameRequest(existing, input), created: false };
  try {
    const taskId = randomUUID();
    const redemption = await writeTransaction(db, (tx) => insertRedemption(tx, codeBox, { ...input, idempotencyKey: key }, taskId), { timeout: 20000, maxWait: 20000 });
    const task: TaskRow | undefined = input.claimTaskFor
      ? { id: taskId, shopDomain: input.shopDomain, kind: ISSUE_REWARD_TASK, reference: issueTaskReference(redemption.id), payload: JSON.stringify({ redemptionId: redemption.id }), attempts: 1, maxAttempts: ISSUE_REWARD_MAX_ATTEMPTS }
      : undefined;
    return { redemption, created: true, task };
  } catch (error) {
    if (!(error instanceof DuplicateRequest) && !isUniqueViolation(error)) throw error;
    // A concurrent request with the same key committed first; its transaction is visible now.
    const winner = await findByKey(db, input.shopId, key);
    if (!winner) throw error;
    return { redemption: assertSameRequest(winner, input), created: false };
  }
}

async function insertRedemption(tx: Tx, codeBox: CodeBox, input: RequestRedemptionInput, taskId: string): Promise<RedemptionRow> {
  const now = input.now ?? new Date();
  const reward = await tx.giftCardReward.findFirst({ where: { id: input.rewardId, shopId: input.shopId, archivedAt: null } });
  if (!reward) throw new AppError('NOT_FOUND', 'This reward was not found.');
  if (!reward.enabled) throw new AppError('CONFLICT', 'This reward is not available at the moment.');
  // Group-restricted rewards are hidden from customers until groups exist; staff may still grant them.
  if (input.requestedBy === 'customer' && reward.visibleToGroups !== '[]') throw new AppError('NOT_FOUND', 'This reward was not found.');
  const id = randomUUID();
  // The ledger's idempotency key comes first: ON CONFLICT DO NOTHING waits for a concurrent
  // identical request and then reports "not created", without aborting our transaction (which a
  // failed INSERT would do on PostgreSQL).
  const entry = await appendPostedEntry(
    tx,
    {
      shopId: input.shopId,
      memberId: input.memberId,
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
    const taken = await tx.redemption.count({ where: { shopId: input.shopId, memberId: input.memberId, rewardId: reward.id, status: { not: 'reversed' } } });
    if (taken >= reward.perCustomerLimit) throw new AppError('CONFLICT', 'You have already redeemed this reward as often as allowed.', { reason: 'PER_CUSTOMER_LIMIT' });
  }
  const stock = await tx.$executeRaw`
    UPDATE "GiftCardReward" SET "issuedCount" = "issuedCount" + 1, "updatedAt" = ${now}
    WHERE "id" = ${reward.id} AND ("stockLimit" IS NULL OR "issuedCount" < "stockLimit")`;
  if (stock === 0) throw new AppError('CONFLICT', 'This reward is out of stock.', { reason: 'OUT_OF_STOCK' });
  const code = reward.type === 'gift_card' ? generateGiftCardCode() : null;
  const expiresOn = reward.expiresAfterDays ? new Date(now.getTime() + reward.expiresAfterDays * 86_400_000).toISOString().slice(0, 10) : null;
  const row = await tx.redemption.create({
    data: {
      id,
      shopId: input.shopId,
      memberId: input.memberId,
      rewardId: reward.id,
      rewardType: reward.type,
      points: reward.pointsCost,
      valueMinor: reward.valueMinor,
      currency: reward.currency,
      status: 'requested',
      idempotencyKey: input.idempotencyKey,
      requestedBy: input.requestedBy,
      staffUserId: input.staffUserId ?? null,
      ledgerEntryId: entry.id,
      codeEncrypted: code ? codeBox.encrypt(code) : null,
      codeMasked: code ? maskGiftCardCode(code) : null,
      codeLast4: code ? code.slice(-4) : null,
      expiresOn,
      createdAt: now,
    },
  });
  await enqueueTask(
    { prisma: tx as unknown as Db['prisma'] },
    { id: taskId, shopDomain: input.shopDomain, kind: ISSUE_REWARD_TASK, reference: issueTaskReference(id), payload: { redemptionId: id }, maxAttempts: ISSUE_REWARD_MAX_ATTEMPTS, runAt: now, claimedBy: input.claimTaskFor },
    now,
  );
  return row;
}

async function findByKey(db: Db, shopId: string, idempotencyKey: string): Promise<RedemptionRow | null> {
  return db.prisma.redemption.findUnique({ where: { shopId_idempotencyKey: { shopId, idempotencyKey } } });
}

function assertSameRequest(row: RedemptionRow, input: RequestRedemptionInput): RedemptionRow {
  if (row.memberId !== input.memberId || row.rewardId !== input.rewardId) {
    throw new AppError('CONFLICT', 'This idempotency key was already used for another redemption.');
  }
  return row;
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { code?: string; originalCode?: string } };
  return e?.code === 'P2002' || e?.cause?.originalCode === '23505' || /unique constraint/i.test(e?.message ?? '');
}
