// After staff save an automatic group or a tier, the shop's memberships must follow the new rules:
// a durable "reevaluate-groups" task (web/runtime/task-handlers.ts runs the engine's reevaluateGroups)
// queued in the same transaction as the change, so a saved group is never left unevaluated. Saves in
// quick succession share one queued task: the run that starts later sees every change.
import type { Tx } from '../db-client';
import { enqueueTask } from '../tasks/task-queue';
import { REEVALUATE_GROUPS_TASK } from '../tasks/task-kinds';
import { prismaSqlExecutor } from '../sql/prisma-sql-executor';

export async function enqueueGroupReevaluation(tx: Tx, shopId: string, now: Date): Promise<void> {
  const shop = await tx.shop.findUnique({ where: { id: shopId }, select: { domain: true } });
  if (!shop) return;
  const waiting = await tx.task.findFirst({ where: { shopDomain: shop.domain, kind: REEVALUATE_GROUPS_TASK, status: 'queued' }, select: { id: true } });
  if (waiting) return;
  await enqueueTask(prismaSqlExecutor(tx), {
    shopDomain: shop.domain,
    kind: REEVALUATE_GROUPS_TASK,
    reference: `${REEVALUATE_GROUPS_TASK}:${shopId}:${now.getTime()}`,
    payload: { shopId },
  }, now);
}
