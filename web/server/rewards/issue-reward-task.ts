// The `issue-reward` task: one more attempt at issuing a redemption (redemption-workflow.ts).
import type { JobContext } from '../../runtime/job';
import { issueRedemption } from '../../core/redemption/redemption-workflow';
import { redemptionWorkflowDepsOf } from '../../runtime/redemption-workflow-deps';

export async function issueRewardTaskHandler(context: JobContext, payload: unknown): Promise<void> {
  const { redemptionId } = payload as { redemptionId: string };
  await issueRedemption(redemptionWorkflowDepsOf(context.runtime, context.now), redemptionId);
}
