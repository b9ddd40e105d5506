// The `issue-reward` task: turns a requested redemption into a Shopify gift card (or store credit).
//
// Crash safety: the gift card code is chosen by us and sealed in the redemption row in the same
// transaction that took the points, before Shopify is ever called; giftCardCreate is sent with that
// code and a note naming the redemption. A retry first looks the card up by that note, so a worker
// killed after Shopify created the card but before we recorded it adopts the existing card (same
// code, already known) instead of creating a second one.
//
// Failures: user errors (GIFT_CARD_LIMIT_EXCEEDED, CUSTOMER_NOT_FOUND …) reverse at once; throttling,
// 5xx, timeouts and network errors are retried by the client and then by the task queue with
// backoff; after the last attempt the redemption is reversed and the customer told.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../core/db-client';
import { maskGiftCardCode } from '../../core/crypto/mask-gift-card-code';
import { formatMinorAsDecimal } from '../../core/money';
import { enqueueOutboxMessage } from '../../core/messaging/outbox-queue';
import { generateGiftCardCode } from '../../core/redemption/generate-gift-card-code';
import { REDEMPTION_COLUMNS, redemptionFromRow, type RawRedemptionRow } from '../../core/redemption/redemption-rows';
import { ISSUE_REWARD_MAX_ATTEMPTS } from '../../core/redemption/request-redemption';
import { reverseRedemption } from '../../core/redemption/reverse-redemption';
import type { CodeBox, RedemptionRow } from '../../core/redemption/redemption-types';
import { sqlClientOf } from '../../core/sql/sql-client';
import { sql } from '../../core/sql/sql-query';
import { completeTask, completeTaskSql } from '../../core/tasks/task-queue';
import { AdminApiError, type AdminGraphqlClient } from '../../shopify-admin/admin-graphql-client';
import { createGiftCard } from '../../shopify-admin/gift-card-create';
import { findGiftCardsByNote, redemptionNote } from '../../shopify-admin/gift-cards-by-note';
import { creditStoreCredit } from '../../shopify-admin/store-credit-account-credit';
import { offlineSessionId } from '../auth/offline-session-store';
import type { Logger } from '../logger';

export interface IssueRewardDeps {
  db: Db;
  admin: AdminGraphqlClient;
  codeBox: CodeBox;
  logger: Logger;
  now: () => Date;
  /** Test seam: runs right after Shopify created the card, before we record it (simulates a crash). */
  afterGiftCardCreate?: (redemptionId: string) => Promise<void> | void;
}

export type IssueOutcome = 'issued' | 'reversed' | 'nothing-to-do';

/** A task row this worker has claimed. */
export interface HeldTask {
  id: string;
  workerId: string;
}

/** Marks a retryable failure for the task runner (retried with backoff). */
class RetryLater extends Error {}

export async function issueReward(deps: IssueRewardDeps, redemptionId: string): Promise<IssueOutcome> {
  // Claim and read in one statement: the attempt is counted before Shopify is called.
  const [claimed] = await sqlClientOf(deps.db).query<RawRedemptionRow>(sql`
    UPDATE "Redemption" SET "status" = 'issuing', "attempts" = "attempts" + 1, "updatedAt" = ${deps.now()}
    WHERE "id" = ${redemptionId} AND "status" IN ('requested', 'issuing')
    RETURNING ${REDEMPTION_COLUMNS}`);
  if (!claimed) return 'nothing-to-do';
  return (await issueClaimedRedemption(deps, redemptionFromRow(claimed))).outcome;
}

export interface IssueResult {
  outcome: IssueOutcome;
  /** the row as issued (only for `issued`; read it again otherwise) */
  issued?: RedemptionRow;
}

/**
 * Issues a redemption this worker holds in status `issuing`, its attempt already counted (by
 * issueReward's claim, or by requestRedemption for a request that issues inline). `task`, when
 * given, is completed in the transaction that records the card.
 */
export async function issueClaimedRedemption(deps: IssueRewardDeps, redemption: RedemptionRow, task?: HeldTask): Promise<IssueResult> {
  const { db } = deps;
  const redemptionId = redemption.id;
  const reverse = async (reason: string): Promise<IssueResult> => {
    await reverseRedemption(db, { shopId: redemption.shopId, redemptionId, reason, now: deps.now() });
    deps.logger.warn({ redemptionId, reason }, 'reward not issued; points returned');
    return { outcome: 'reversed' };
  };

  // Shop, offline token and customer in one round trip (this runs once per redemption, often
  // inside the customer's request). The session id follows offlineSessionId(): "offline_<shop>".
  const [context] = await sqlClientOf(db).query<{ domain: string; uninstalled: number | bigint | boolean; accessToken: string | null; shopifyCustomerId: string }>(sql`
    SELECT s."domain" AS "domain", CASE WHEN s."uninstalledAt" IS NULL THEN 0 ELSE 1 END AS "uninstalled",
           se."accessToken" AS "accessToken", m."shopifyCustomerId" AS "shopifyCustomerId"
    FROM "Member" m
    JOIN "Shop" s ON s."id" = m."shopId"
    LEFT JOIN "Session" se ON se."id" = ${offlineSessionId('')} || s."domain"
    WHERE m."id" = ${redemption.memberId} AND m."shopId" = ${redemption.shopId}`);
  if (!context || Number(context.uninstalled) !== 0 || !context.accessToken) return reverse('The shop is not connected to Shopify.');
  const shop = { domain: context.domain };
  const session = { accessToken: context.accessToken };
  const member = { shopifyCustomerId: context.shopifyCustomerId };

  try {
    if (redemption.rewardType === 'store_credit') {
      const result = await creditStoreCredit(deps.admin, shop.domain, session.accessToken, {
        customerId: member.shopifyCustomerId,
        amount: formatMinorAsDecimal(redemption.valueMinor, redemption.currency),
        currencyCode: redemption.currency,
      });
      if (!result.ok) return reverse(describeUserErrors(result.userErrors));
      return { outcome: 'issued', issued: await markIssued(deps, redemption, { giftCardId: result.transactionId }, task) };
    }

    const note = redemptionNote(redemption.id);
    // `attempts` was incremented before any call to Shopify, so on the first attempt no card of ours
    // can exist yet and the lookup (one round trip) is skipped.
    const [existing] = redemption.attempts > 1 ? await findGiftCardsByNote(deps.admin, shop.domain, session.accessToken, note) : [];
    if (existing) {
      // A previous attempt created the card and died before recording it: adopt it.
      const code = redemption.codeEncrypted ? deps.codeBox.decrypt(redemption.codeEncrypted) : null;
      const codeMatches = code !== null && code.slice(-4).toLowerCase() === existing.lastCharacters.toLowerCase();
      const issued = await markIssued(deps, redemption, { giftCardId: existing.id, codeKnown: codeMatches, lastCharacters: existing.lastCharacters }, task);
      deps.logger.info({ redemptionId, giftCardId: existing.id }, 'adopted the gift card of an interrupted attempt');
      return { outcome: 'issued', issued };
    }
    if (!redemption.codeEncrypted) return reverse('The gift card code was not prepared.');
    const code = deps.codeBox.decrypt(redemption.codeEncrypted);
    const result = await createGiftCard(deps.admin, shop.domain, session.accessToken, {
      initialAmount: { amount: formatMinorAsDecimal(redemption.valueMinor, redemption.currency), currencyCode: redemption.currency },
      code,
      customerId: member.shopifyCustomerId,
      ...(redemption.expiresOn ? { expiresOn: redemption.expiresOn } : {}),
      note,
    });
    if (!result.ok) {
      if (result.userErrors.some((error) => error.code === 'TAKEN')) {
        // Another card already has our random code (astronomically rare): pick a new one and retry.
        const fresh = generateGiftCardCode();
        await db.prisma.redemption.update({ where: { id: redemptionId }, data: { codeEncrypted: deps.codeBox.encrypt(fresh), codeMasked: maskGiftCardCode(fresh), codeLast4: fresh.slice(-4) } });
        throw new RetryLater('gift card code already taken; retrying with a new code');
      }
      return reverse(describeUserErrors(result.userErrors));
    }
    await deps.afterGiftCardCreate?.(redemptionId);
    return { outcome: 'issued', issued: await markIssued(deps, redemption, { giftCardId: result.giftCard.id }, task) };
  } catch (error) {
    const retryable = error instanceof RetryLater || (error instanceof AdminApiError && error.retryable);
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof AdminApiError && !retryable) return reverse(`Shopify refused the request: ${message}`);
    if (retryable && redemption.attempts >= ISSUE_REWARD_MAX_ATTEMPTS) return reverse(`Shopify kept failing: ${message}`);
    await db.prisma.redemption.update({ where: { id: redemptionId }, data: { lastError: message.slice(0, 2000) } });
    throw error;
  }
}

/**
 * Records the card, queues the gift_card_issued message and completes the task, atomically. On
 * PostgreSQL that is one statement (no BEGIN/COMMIT round trips: this runs in the customer's request);
 * on SQLite one transaction of the same three writes.
 */
async function markIssued(
  deps: IssueRewardDeps,
  redemption: RedemptionRow,
  card: { giftCardId: string; codeKnown?: boolean; lastCharacters?: string },
  task?: HeldTask,
): Promise<RedemptionRow | undefined> {
  const now = deps.now();
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
  const client = sqlClientOf(deps.db);
  if (deps.db.kind === 'postgresql') {
    const [raw] = await client.query<RawRedemptionRow>(sql`
      WITH issued AS (${markRow}),
      message AS (
        INSERT INTO "OutboxMessage" ("id", "shopId", "memberId", "event", "payload", "idempotencyKey", "runAt", "createdAt")
        SELECT ${randomUUID()}, "shopId", "memberId", ${message.event}, ${JSON.stringify(message.payload)}, ${message.idempotencyKey}, CAST(${now} AS TIMESTAMP(3)), CAST(${now} AS TIMESTAMP(3)) FROM issued
        ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING),
      done AS (${task ? sql`${completeTaskSql(task, task.workerId, now)} AND EXISTS (SELECT 1 FROM issued)` : sql`SELECT 1`})
      SELECT ${REDEMPTION_COLUMNS} FROM issued`);
    return raw ? redemptionFromRow(raw) : undefined;
  }
  return client.transaction(async (tx) => {
    const [raw] = await tx.query<RawRedemptionRow>(markRow);
    if (!raw) return undefined;
    await enqueueOutboxMessage(tx, message);
    if (task) await completeTask(tx, task, task.workerId, now);
    return redemptionFromRow(raw);
  });
}

function describeUserErrors(errors: Array<{ code: string | null; message: string; field: string[] | null }>): string {
  return errors.map((error) => `${error.code ?? 'ERROR'}: ${error.message}`).join('; ') || 'Shopify refused the reward.';
}
