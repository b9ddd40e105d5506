// Redeem, then try to issue right away so the customer usually gets the code in the same response.
// The web request claims the redemption's task like a job process would, so the two never issue the
// same reward at once; if Shopify is slow or failing, the task stays queued for the job processes
// and the response says the reward is still being issued (pollable).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../core/db-client';
import { requestRedemption, type RequestRedemptionInput } from '../../core/redemption/request-redemption';
import type { CodeBox, RedemptionRow } from '../../core/redemption/redemption-types';
import { claimTaskByReference, completeTask, failTask } from '../../core/tasks/task-queue';
import type { AdminGraphqlClient } from '../../shopify-admin/admin-graphql-client';
import type { Logger } from '../logger';
import { issueReward } from './issue-reward';

export interface RedeemDeps {
  db: Db;
  admin: AdminGraphqlClient;
  codeBox: CodeBox;
  logger: Logger;
  /** issue in the request (default) or leave it to the job processes */
  issueInline?: boolean;
}

export async function redeemAndIssue(deps: RedeemDeps, input: RequestRedemptionInput): Promise<{ redemption: RedemptionRow; created: boolean }> {
  const result = await requestRedemption(deps.db, deps.codeBox, input);
  if (!result.created || deps.issueInline === false) return result;
  const workerId = `web-${randomUUID().slice(0, 8)}`;
  const task = await claimTaskByReference(deps.db, `issue-reward:${result.redemption.id}`, workerId);
  if (!task) return result;
  try {
    await issueReward({ db: deps.db, admin: deps.admin, codeBox: deps.codeBox, logger: deps.logger, now: () => new Date() }, result.redemption.id);
    await completeTask(deps.db, task, workerId);
  } catch (error) {
    await failTask(deps.db, task, workerId, error);
    deps.logger.warn({ redemptionId: result.redemption.id, err: error }, 'reward not issued in the request; left to the task queue');
  }
  const redemption = await deps.db.prisma.redemption.findUniqueOrThrow({ where: { id: result.redemption.id } });
  return { redemption, created: true };
}
