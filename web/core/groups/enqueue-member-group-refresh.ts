// Event-driven membership is a durable task, queued in the transaction of the event that changed a
// member's facts (order, refund, credit, consent, customer update): the event commits at its own speed
// (one INSERT), and the job process re-evaluates those members within seconds, many events' members
// in one set-based pass (web/server/groups/refresh-member-groups-task.ts), new ones into the default
// group too. A shop without automatic groups, tiers or a default group gets no task at all: the INSERT
// selects nothing.
import { randomUUID } from 'node:crypto';
import { enqueueTasksFromSql } from '../tasks/task-queue';
import { joinSql, sql, type SqlQuery } from '../sql/sql-query';
import { executorOf, type GroupTx } from './group-sql-dialect';
import { REFRESH_MEMBER_GROUPS_TASK } from './group-task-kinds';

/** Members per task; the handler merges tasks of one shop and re-evaluates them 500 per statement. */
const MEMBERS_PER_TASK = 500;

export interface MemberGroupRefreshPayload {
  shopId: string;
  memberIds: string[];
  /** why (GroupMembershipEvent.detail): order, refund, credit, consent, customer_update */
  reason: string;
  /** when the event happened (ISO): tier periods are decided by it, not by when the task runs */
  at: string;
}

export async function enqueueMemberGroupRefresh(tx: GroupTx, shopId: string, memberIds: readonly string[], reason: string, now: Date): Promise<void> {
  const unique = [...new Set(memberIds)].sort();
  if (unique.length === 0) return;
  const rows: SqlQuery[] = [];
  for (let start = 0; start < unique.length; start += MEMBERS_PER_TASK) {
    const id = randomUUID();
    const payload: MemberGroupRefreshPayload = { shopId, memberIds: unique.slice(start, start + MEMBERS_PER_TASK), reason, at: now.toISOString() };
    rows.push(sql`SELECT ${id} AS "id", ${`${REFRESH_MEMBER_GROUPS_TASK}:${id}`} AS "reference", ${JSON.stringify(payload)} AS "payload"`);
  }
  await executorOf(tx).execute(enqueueTasksFromSql(REFRESH_MEMBER_GROUPS_TASK, sql`
    SELECT r."id", s."domain" AS "shopDomain", r."reference", r."payload"
    FROM (${joinSql(rows, ' UNION ALL ')}) r JOIN "Shop" s ON s."id" = ${shopId}
    WHERE EXISTS (SELECT 1 FROM "CustomerGroup" g WHERE g."shopId" = s."id" AND g."enabled" = TRUE AND g."archivedAt" IS NULL
      AND (g."kind" = 'automatic' OR g."tierRank" IS NOT NULL OR g."isDefault" = TRUE))`, now));
}
