// Redeem, then try to issue right away so the customer usually gets the code in the same response.
// The issue task is inserted already claimed by this request (same transaction as the debit), so no
// job process can run it at the same time; if this process dies, the claim's lease expires and a
// job process takes over. If Shopify is slow or failing, the task is released for retry with
// backoff and the response says the reward is still being issued (pollable).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../core/db-client';
import { requestRedemption, type RequestRedemptionInput } from '../../core/redemption/request-redemption';
import { redemptionFromRow } from '../../core/redemption/redemption-rows';
import type { CodeBox, RedemptionRow } from '../../core/redemption/redemption-types';
import { completeTask, failTask } from '../../core/tasks/task-queue';
import type { AdminGraphqlClient } from '../../shopify-admin/admin-graphql-client';
import type { Logger } from '../logger';
import { issueClaimedRedemption } from './issue-reward';

export interface RedeemDeps {
  db: Db;
  admin: AdminGraphqlClient;
  codeBox: CodeBox;
  logger: Logger;
  /** issue in the request (default) or leave it to the job processes */
  issueInline?: boolean;
}

const INLINE_LEASE_MS = 2 * 60_000;

export async function redeemAndIssue(deps: RedeemDeps, input: RequestRedemptionInput): Promise<{ redemption: RedemptionRow; created: boolean }> {
  const inline = deps.issueInline !== false;
  const workerId = `web-${randomUUID().slice(0, 8)}`;
  const result = await requestRedemption(deps.db, deps.codeBox, {
    ...input,
    ...(inline ? { claimTaskFor: { workerId, lockedUntil: new Date(Date.now() + INLINE_LEASE_MS) } } : {}),
  });
  const task = result.task;
  if (!result.created || !task) return result;
  const held = { id: task.id, workerId };
  try {
    const { issued } = await issueClaimedRedemption(
      { db: deps.db, admin: deps.admin, codeBox: deps.codeBox, logger: deps.logger, now: () => new Date() },
      result.redemption,
      held,
    );
    // Issued: the task was completed with the card, and the row is the one just written.
    if (issued) return { redemption: issued, created: true };
    await completeTask(deps.db, task, workerId);
  } catch (error) {
    await failTask(deps.db, task, workerId, error);
    deps.logger.warn({ redemptionId: result.redemption.id, err: error }, 'reward not issued in the request; left to the task queue');
  }
  const redemption = redemptionFromRow(await deps.db.prisma.redemption.findUniqueOrThrow({ where: { id: result.redemption.id } }));
  return { redemption, created: true };
}
