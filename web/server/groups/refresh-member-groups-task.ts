// The event-driven group refresh in a job process (queued by web/core/groups/enqueue-member-group-refresh.ts).
// A claim's refresh tasks of one shop and reason go together: their members are re-evaluated in one
// transaction, set-based, and the tasks are marked done in it, so a crash repeats the (idempotent)
// re-evaluation rather than losing it. If the merged run fails, each task runs alone and retries on its own.
import { z } from 'zod';
import type { MemberGroupRefreshPayload } from '../../core/groups/enqueue-member-group-refresh';
import { joinDefaultGroups } from '../../core/groups/join-default-group';
import { refreshMemberGroups } from '../../core/groups/refresh-member-groups';
import { sqlClientOf } from '../../core/sql/sql-client';
import { completeTasksSql, type TaskRow } from '../../core/tasks/task-queue';
import type { JobContext } from '../../runtime/job';
import type { WebhookTaskOutcome } from '../webhooks/process-webhook-batch';

const refreshPayload: z.ZodType<MemberGroupRefreshPayload> = z.object({
  shopId: z.string().min(1),
  memberIds: z.array(z.string().min(1)).max(1000),
  reason: z.string().min(1).max(40),
  at: z.string().datetime(),
});

interface Refresh {
  shopId: string;
  reason: string;
  memberIds: string[];
  at: Date;
}

async function refresh(context: JobContext, work: Refresh, done: { ids: string[]; workerId: string } | null) {
  const { shopId, reason, memberIds, at } = work;
  const summary = await sqlClientOf(context.runtime.db).transaction(async (tx) => {
    // Members new since the default group was made join it (once: history remembers a member staff took out).
    await joinDefaultGroups(tx, shopId, memberIds, at);
    const changes = await refreshMemberGroups(tx, shopId, memberIds, reason, at);
    if (done) await tx.execute(completeTasksSql(done.ids, done.workerId, context.now()));
    return changes;
  });
  if (summary.joined + summary.left > 0) context.runtime.logger.debug({ shopId, reason, members: memberIds.length, ...summary }, 'member groups refreshed');
}

export async function refreshMemberGroupsTaskHandler(context: JobContext, payload: unknown): Promise<void> {
  const parsed = refreshPayload.parse(payload);
  await refresh(context, { ...parsed, at: new Date(parsed.at) }, null);
}

export async function refreshMemberGroupsTaskBatch(context: JobContext, tasks: TaskRow[], runOne: (task: TaskRow) => Promise<'done' | 'retry' | 'failed'>): Promise<Map<string, WebhookTaskOutcome>> {
  const outcomes = new Map<string, WebhookTaskOutcome>();
  const together = new Map<string, { shopId: string; reason: string; tasks: TaskRow[]; members: Set<string>; at: number }>();
  for (const task of tasks) {
    let payload: MemberGroupRefreshPayload;
    try {
      payload = refreshPayload.parse(JSON.parse(task.payload));
    } catch (error) {
      outcomes.set(task.id, { status: 'failed', error: error as Error, permanent: true });
      continue;
    }
    const key = `${payload.shopId}\n${payload.reason}`;
    const entry = together.get(key) ?? { shopId: payload.shopId, reason: payload.reason, tasks: [], members: new Set<string>(), at: 0 };
    entry.tasks.push(task);
    for (const id of payload.memberIds) entry.members.add(id);
    // The latest event decides the period: a member's facts include every earlier event of the merge.
    entry.at = Math.max(entry.at, Date.parse(payload.at));
    together.set(key, entry);
  }
  for (const entry of together.values()) {
    try {
      const work = { shopId: entry.shopId, reason: entry.reason, memberIds: [...entry.members], at: new Date(entry.at) };
      await refresh(context, work, { ids: entry.tasks.map((task) => task.id), workerId: context.workerId });
      for (const task of entry.tasks) outcomes.set(task.id, { status: 'done' });
    } catch (error) {
      context.runtime.logger.warn({ err: error, tasks: entry.tasks.length }, 'merged group refresh failed; running its tasks one by one');
      for (const task of entry.tasks) outcomes.set(task.id, { status: 'ran', outcome: await runOne(task) });
    }
  }
  return outcomes;
}
