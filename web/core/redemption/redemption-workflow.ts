// Redemption as one workflow: points -> a Shopify gift card or store credit. Each step is paired with
// its compensation, the undo that runs when a later step fails for good:
//
//   step                                                       compensation
//   requestStep  1 debit the points (redeem entry, never < 0)  reversal entry linked to it
//                2 take one unit of stock                      release the unit
//                3 record the redemption (our gift card code   status `reversed`, customer told
//                  chosen and sealed) and its issue task         (outbox `reward_failed`)
//   issueStep    4 create the card / apply the store credit,   none: an attempt that failed left nothing
//                  adopting an earlier attempt's result first   on Shopify (we check before giving up),
//                                                               and what exists is recorded, never undone
//   recordStep   5 record it issued, queue `gift_card_issued`, none (the last step)
//                  complete the task
//
// Steps 1-3 commit together (request-redemption.ts) and so do their compensations
// (reverse-redemption.ts). Step 4 may be retried, so it is durable: driven by the `issue-reward` task,
// run at once in the customer's request (redeemReward), by a job process (issueRedemption), or settled
// by the sweeper when neither finished it (settleStuckRedemptions). The SQL lives in
// redemption-store.ts; Shopify is reached through the RewardIssuer port (reward-issuer.ts).
import { randomUUID } from 'node:crypto';
import type { NewStaffAlert } from '../alerts/staff-alert-store';
import type { Db } from '../db-client';
import { formatMinorAsDecimal, parseMoneyToMinor } from '../money';
import { completeTask, failTask } from '../tasks/task-queue';
import { generateGiftCardCode } from './generate-gift-card-code';
import {
  claimRedemptionForIssue,
  claimStuckRedemptions,
  loadIssueContext,
  readRedemption,
  recordIssueError,
  recordIssued,
  replaceGiftCardCode,
  unrecordedShopifyIds,
  type HeldTask,
  type IssuedCard,
} from './redemption-store';
import type { CodeBox, RedemptionRow } from './redemption-types';
import { ISSUE_REWARD_MAX_ATTEMPTS, requestRedemption, type RequestedRedemption, type RequestRedemptionInput } from './request-redemption';
import { reverseRedemption } from './reverse-redemption';
import { IssuerFailure, type IssuerUserError, type RewardIssuer, type ShopAccess } from './reward-issuer';
import { sameInstant, storeCreditExpiresAt } from './store-credit-expiry';

export interface WorkflowLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface RedemptionWorkflowDeps {
  db: Db;
  issuer: RewardIssuer;
  codeBox: CodeBox;
  logger: WorkflowLogger;
  now: () => Date;
  /** Test seam: runs right after Shopify created the card or applied the credit, before we record it (a crash there). */
  afterShopifyIssued?: (redemptionId: string) => Promise<void> | void;
}

type Compensation = (deps: RedemptionWorkflowDeps, redemption: RedemptionRow, reason: string, alert?: NewStaffAlert) => Promise<void>;

/** A step of the workflow and the undo of what it did (null: nothing to undo, said why beside it). */
const step = <Input extends unknown[], Output, Undo extends Compensation | null>(definition: {
  name: string;
  run: (deps: RedemptionWorkflowDeps, ...input: Input) => Promise<Output>;
  compensate: Undo;
}) => definition;

/** Steps 1-3, one transaction. Undo: points back (reversal entry), stock released, customer told — one transaction. */
const reverseRequest: Compensation = async (deps, redemption, reason, alert) => {
  await reverseRedemption(deps.db, { shopId: redemption.shopId, redemptionId: redemption.id, reason, now: deps.now(), alert });
  deps.logger.warn({ redemptionId: redemption.id, reason }, 'reward not issued; points returned');
};

export const requestStep = step({
  name: 'debit points, take stock, record the request',
  run: (deps, input: RequestRedemptionInput) => requestRedemption(deps.db, deps.codeBox, input),
  compensate: reverseRequest,
});

/** What step 4 found or made on Shopify. */
type IssueStepResult = { kind: 'issued'; card: IssuedCard; adopted: boolean } | { kind: 'refused'; reason: string };

/** Step 4: the card or the credit, unless an earlier attempt already made it. */
export const issueStep = step({
  name: 'create the gift card or apply the store credit',
  run: async (deps, redemption: RedemptionRow, shop: ShopAccess, customerId: string): Promise<IssueStepResult> => {
    // `attempts` is counted before any call to Shopify, so on the first attempt nothing of ours can
    // exist there yet and the lookup (one round trip) is skipped.
    const earlier = redemption.attempts > 1 ? await findEarlierResult(deps, redemption, shop, customerId) : null;
    if (earlier) return { kind: 'issued', card: earlier, adopted: true };
    const amount = formatMinorAsDecimal(redemption.valueMinor, redemption.currency);
    if (redemption.rewardType === 'store_credit') {
      const result = await deps.issuer.creditStoreCredit(shop, { customerId, amount, currencyCode: redemption.currency, expiresAt: storeCreditExpiresAt(redemption) });
      return result.ok ? { kind: 'issued', card: { giftCardId: result.transactionId }, adopted: false } : { kind: 'refused', reason: describeUserErrors(result.userErrors) };
    }
    if (!redemption.codeEncrypted) return { kind: 'refused', reason: 'The gift card code was not prepared.' };
    const result = await deps.issuer.createGiftCard(shop, {
      amount,
      currencyCode: redemption.currency,
      code: deps.codeBox.decrypt(redemption.codeEncrypted),
      customerId,
      ...(redemption.expiresOn ? { expiresOn: redemption.expiresOn } : {}),
      note: redemptionNote(redemption.id),
    });
    if (result.ok) return { kind: 'issued', card: { giftCardId: result.giftCardId }, adopted: false };
    if (result.userErrors.some((error) => error.code === 'TAKEN')) {
      // Our code is taken: most likely by our own card, when the client resent a create whose first
      // answer was lost (5xx, timeout). Then that card is ours, with the code we hold.
      const ours = await findEarlierResult(deps, redemption, shop, customerId);
      if (ours) return { kind: 'issued', card: ours, adopted: true };
      // Another card has our random code (astronomically rare): pick a new one and retry.
      await replaceGiftCardCode(deps.db, redemption.id, deps.codeBox, generateGiftCardCode(), deps.now());
      throw new RetryLater('gift card code already taken; retrying with a new code');
    }
    return { kind: 'refused', reason: describeUserErrors(result.userErrors) };
  },
  compensate: null,
});

/** Step 5: status issued + message + task done (+ the sweeper's alert), atomically. */
export const recordStep = step({
  name: 'record it issued',
  run: (deps, redemption: RedemptionRow, card: IssuedCard, task?: HeldTask, alert?: NewStaffAlert) => recordIssued(deps.db, redemption, card, { now: deps.now(), task, alert }),
  compensate: null,
});

export function redemptionNote(redemptionId: string): string {
  return `loyalty-redemption:${redemptionId}`;
}

/** Marks a retryable failure for the task runner (retried with backoff). */
class RetryLater extends Error {}

export type IssueOutcome = 'issued' | 'reversed' | 'nothing-to-do';

export interface IssueResult {
  outcome: IssueOutcome;
  /** the row as issued (only for `issued`; read it again otherwise) */
  issued?: RedemptionRow;
}

const INLINE_LEASE_MS = 2 * 60_000;

/**
 * The customer's (or staff's) request: steps 1-3, then 4-5 at once so the code is usually in the
 * response. The issue task is inserted already claimed by this request (same transaction as the
 * debit), so no job process runs it meanwhile; if this process dies, the claim's lease expires and a
 * job process takes over. If Shopify is slow or failing, the task is released for retry with backoff
 * and the answer says the reward is still being issued (pollable).
 */
export async function redeemReward(
  deps: RedemptionWorkflowDeps & { issueInline?: boolean },
  input: Omit<RequestRedemptionInput, 'claimTaskFor'>,
): Promise<{ redemption: RedemptionRow; created: boolean }> {
  const workerId = `web-${randomUUID().slice(0, 8)}`;
  const inline = deps.issueInline !== false;
  const result: RequestedRedemption = await requestStep.run(deps, {
    ...input,
    ...(inline ? { claimTaskFor: { workerId, lockedUntil: new Date(Date.now() + INLINE_LEASE_MS) } } : {}),
  });
  const task = result.task;
  if (!result.created || !task) return result;
  try {
    const { issued } = await issueClaimed(deps, result.redemption, { id: task.id, workerId });
    // Issued: the task was completed with the card, and the row is the one just written.
    if (issued) return { redemption: issued, created: true };
    await completeTask(deps.db, task, workerId);
  } catch (error) {
    await failTask(deps.db, task, workerId, error);
    deps.logger.warn({ redemptionId: result.redemption.id, err: error }, 'reward not issued in the request; left to the task queue');
  }
  return { redemption: (await readRedemption(deps.db, result.redemption.id)) ?? result.redemption, created: true };
}

/** The `issue-reward` task in a job process: one more attempt at steps 4-5. */
export async function issueRedemption(deps: RedemptionWorkflowDeps, redemptionId: string): Promise<IssueOutcome> {
  const claimed = await claimRedemptionForIssue(deps.db, redemptionId, deps.now());
  if (!claimed) return 'nothing-to-do';
  return (await issueClaimed(deps, claimed)).outcome;
}

/**
 * Steps 4-5 for a redemption held in `issuing` with this attempt counted. Refusals (user errors,
 * a revoked token, an invalid document) compensate at once; transient failures are thrown for the
 * task queue to retry, and after the last attempt compensate — once Shopify has shown that nothing of
 * ours exists (a timed-out create may have succeeded).
 */
async function issueClaimed(deps: RedemptionWorkflowDeps, redemption: RedemptionRow, task?: HeldTask): Promise<IssueResult> {
  const compensate = async (reason: string): Promise<IssueResult> => {
    await requestStep.compensate(deps, redemption, reason);
    return { outcome: 'reversed' };
  };
  const context = await loadIssueContext(deps.db, redemption);
  if (!context?.accessToken) return compensate('The shop is not connected to Shopify.');
  const shop = { domain: context.shopDomain, accessToken: context.accessToken };
  try {
    const result = await issueStep.run(deps, redemption, shop, context.customerId);
    if (result.kind === 'refused') return compensate(result.reason);
    if (result.adopted) deps.logger.info({ redemptionId: redemption.id, giftCardId: result.card.giftCardId }, 'adopted the card or credit of an interrupted attempt');
    else await deps.afterShopifyIssued?.(redemption.id);
    return { outcome: 'issued', issued: await recordStep.run(deps, redemption, result.card, task) };
  } catch (error) {
    const retryable = error instanceof RetryLater || (error instanceof IssuerFailure && error.retryable);
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof IssuerFailure && !retryable) return compensate(`Shopify refused the request: ${message}`);
    if (retryable && redemption.attempts >= ISSUE_REWARD_MAX_ATTEMPTS) {
      // If Shopify cannot even be asked, this throws and the sweeper settles the redemption later.
      const earlier = await findEarlierResult(deps, redemption, shop, context.customerId);
      if (earlier) return { outcome: 'issued', issued: await recordStep.run(deps, redemption, earlier, task) };
      return compensate(`Shopify kept failing: ${message}`);
    }
    await recordIssueError(deps.db, redemption.id, message, deps.now());
    throw error;
  }
}

/**
 * What an interrupted attempt left on Shopify: the gift card with our note, or an unrecorded store
 * credit of exactly our amount with exactly our expiry (store-credit-expiry.ts), created since the
 * redemption. A candidate another redemption has recorded is never adopted (unique per shop).
 */
async function findEarlierResult(deps: RedemptionWorkflowDeps, redemption: RedemptionRow, shop: ShopAccess, customerId: string): Promise<IssuedCard | null> {
  if (redemption.rewardType === 'store_credit') {
    const expiresAt = storeCreditExpiresAt(redemption);
    const credits = await deps.issuer.listStoreCreditCredits(shop, {
      customerId,
      currencyCode: redemption.currency,
      // Shopify's clock against ours: a generous margin, the exact expiry does the matching.
      createdSince: new Date(redemption.createdAt.getTime() - 60 * 60_000),
    });
    const ours = credits.filter((credit) =>
      credit.amount.currencyCode === redemption.currency
      && parseMoneyToMinor(credit.amount.amount, credit.amount.currencyCode) === redemption.valueMinor
      && sameInstant(credit.expiresAt, expiresAt));
    const [free] = await unrecordedShopifyIds(deps.db, redemption.shopId, ours.map((credit) => credit.id));
    return free ? { giftCardId: free } : null;
  }
  const card = await deps.issuer.findGiftCardByNote(shop, redemptionNote(redemption.id));
  if (!card) return null;
  // The code is known because we chose it; if the card's last characters disagree (not expected),
  // keep the card and show it masked only.
  const code = redemption.codeEncrypted ? deps.codeBox.decrypt(redemption.codeEncrypted) : null;
  const codeKnown = code !== null && code.slice(-4).toLowerCase() === card.lastCharacters.toLowerCase();
  return { giftCardId: card.id, codeKnown, lastCharacters: card.lastCharacters };
}

const SWEEPER_LEASE_MS = 5 * 60_000;

export interface SweepResult {
  recovered: number;
  reversed: number;
  /** Shopify could not be asked; tried again on a later sweep */
  left: number;
}

/**
 * The sweeper: redemptions left `requested`/`issuing` for longer than `stuckAfterMs` with no task
 * about to run them (a process died, a bug failed the task for good, …). For each it asks Shopify
 * what exists: the card or credit is recorded (no second one is ever created here); when there is
 * none, the debit is reversed by the compensation of steps 1-3. Either way staff get an alert (in the
 * admin: GET /api/alerts), in the same transaction as the outcome.
 */
export async function settleStuckRedemptions(
  deps: RedemptionWorkflowDeps,
  options: { workerId: string; stuckAfterMs: number; batchSize?: number; maxBatches?: number; shouldStop?: () => boolean },
): Promise<SweepResult> {
  const result: SweepResult = { recovered: 0, reversed: 0, left: 0 };
  // Small batches, each claimed only when the last is settled: a stopping process leaves at most one
  // batch fenced (taken again once the sweeper's lease and stuckAfterMs have passed).
  for (let batch = 0; batch < (options.maxBatches ?? 10); batch += 1) {
    if (options.shouldStop?.()) break;
    const stuck = await claimStuckRedemptions(deps.db, {
      workerId: options.workerId,
      now: deps.now(),
      stuckAfterMs: options.stuckAfterMs,
      leaseMs: SWEEPER_LEASE_MS,
      limit: options.batchSize ?? 10,
    });
    for (const { redemption, task } of stuck) result[await settleOne(deps, redemption, task)] += 1;
    if (stuck.length < (options.batchSize ?? 10)) break;
  }
  return result;
}

async function settleOne(deps: RedemptionWorkflowDeps, redemption: RedemptionRow, task: HeldTask | null): Promise<keyof SweepResult> {
  const alert = (kind: 'redemption_recovered' | 'redemption_reversed', message: string): NewStaffAlert => ({
    shopId: redemption.shopId,
    kind,
    subject: redemption.id,
    message,
    details: { redemptionId: redemption.id, memberId: redemption.memberId, rewardType: redemption.rewardType, points: redemption.points, attempts: redemption.attempts, lastError: redemption.lastError },
  });
  const reverse = async (reason: string) => {
    await requestStep.compensate(deps, redemption, reason, alert('redemption_reversed', `A redemption stuck while issuing was reversed: ${reason}`));
    if (task) await completeTask(deps.db, task, task.workerId, deps.now());
    return 'reversed' as const;
  };
  const context = await loadIssueContext(deps.db, redemption);
  if (!context?.accessToken) return reverse('The shop is not connected to Shopify; points returned.');
  const shop = { domain: context.shopDomain, accessToken: context.accessToken };
  let earlier: IssuedCard | null;
  try {
    earlier = await findEarlierResult(deps, redemption, shop, context.customerId);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordIssueError(deps.db, redemption.id, `sweeper could not ask Shopify: ${message}`, deps.now());
    deps.logger.warn({ redemptionId: redemption.id, err: error }, 'stuck redemption left for the next sweep');
    return 'left';
  }
  if (!earlier) return reverse('Nothing was issued on Shopify; points returned.');
  await recordStep.run(deps, redemption, earlier, task ?? undefined, alert('redemption_recovered', 'A redemption stuck while issuing was found issued on Shopify and recorded.'));
  deps.logger.info({ redemptionId: redemption.id, giftCardId: earlier.giftCardId }, 'stuck redemption recorded as issued');
  return 'recovered';
}

function describeUserErrors(errors: IssuerUserError[]): string {
  return errors.map((error) => `${error.code ?? 'ERROR'}: ${error.message}`).join('; ') || 'Shopify refused the reward.';
}
