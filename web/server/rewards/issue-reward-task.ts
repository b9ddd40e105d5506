// The `issue-reward` task and the sweeper job's run, adapted to the job runtime: both are steps of the
// redemption workflow (web/core/redemption/redemption-workflow.ts).
import type { JobContext } from '../../../jobs/job';
import { issueRedemption, settleStuckRedemptions, type SweepResult } from '../../core/redemption/redemption-workflow';
import { giftCardCodeBox, redemptionWorkflowDeps } from './redemption-workflow-deps';

const workflowDepsOf = (context: JobContext) =>
  redemptionWorkflowDeps({ db: context.runtime.db, admin: context.runtime.admin, codeBox: giftCardCodeBox(context.runtime.config.encryptionKey), logger: context.runtime.logger, now: context.now });

export async function issueRewardTaskHandler(context: JobContext, payload: unknown): Promise<void> {
  const { redemptionId } = payload as { redemptionId: string };
  await issueRedemption(workflowDepsOf(context), redemptionId);
}

export function settleStuckRedemptionsRun(context: JobContext): Promise<SweepResult> {
  return settleStuckRedemptions(workflowDepsOf(context), { workerId: context.workerId });
}
