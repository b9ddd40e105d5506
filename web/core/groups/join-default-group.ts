// New members join the shop's default group (seed 001). "New" = signed up after the default group was
// made and never in it before: a member staff took out is not put back by their next order, and a
// repeated call (a redelivered webhook) changes nothing.
import { sql, sqlList } from '../sql/sql-query';
import { executorOf, lockGroupMemberships, type GroupTx } from './group-sql-dialect';
import { adjustMemberCounts } from './member-counts';
import { newEvaluationId } from './history-then-membership';

export async function joinDefaultGroups(tx: GroupTx, shopId: string, memberIds: readonly string[], now: Date): Promise<number> {
  const unique = [...new Set(memberIds)].sort();
  if (unique.length === 0) return 0;
  const executor = executorOf(tx);
  const [group] = await executor.query<{ id: string }>(sql`
    SELECT "id" FROM "CustomerGroup" WHERE "shopId" = ${shopId} AND "isDefault" = TRUE AND "enabled" = TRUE AND "archivedAt" IS NULL ORDER BY "createdAt", "id" LIMIT 1`);
  if (!group) return 0;
  await lockGroupMemberships(tx, shopId, [group.id], 'shared');
  const evaluationId = newEvaluationId();
  let joined = 0;
  for (let start = 0; start < unique.length; start += 500) {
    const ids = sqlList(unique.slice(start, start + 500));
    const added = await executor.execute(sql`
      INSERT INTO "GroupMembershipEvent" ("id", "shopId", "groupId", "memberId", "change", "reason", "detail", "occurredAt")
      SELECT ${`${evaluationId}:j:`} || m."id", m."shopId", g."id", m."id", 'joined', 'default_group', '', ${now}
      FROM "Member" m JOIN "CustomerGroup" g ON g."id" = ${group.id}
      WHERE m."shopId" = ${shopId} AND m."id" IN ${ids} AND m."createdAt" >= g."createdAt"
        AND NOT EXISTS (SELECT 1 FROM "GroupMembershipEvent" e WHERE e."shopId" = ${shopId} AND e."memberId" = m."id" AND e."groupId" = g."id")
        AND NOT EXISTS (SELECT 1 FROM "GroupMember" gm WHERE gm."groupId" = g."id" AND gm."memberId" = m."id")`);
    if (added === 0) continue;
    await executor.execute(sql`
      INSERT INTO "GroupMember" ("groupId", "memberId", "shopId", "source", "joinedAt", "keepUntil")
      SELECT e."groupId", e."memberId", ${shopId}, 'default', ${now}, NULL FROM "GroupMembershipEvent" e
      WHERE e."shopId" = ${shopId} AND e."groupId" = ${group.id} AND e."occurredAt" = ${now} AND e."id" LIKE ${`${evaluationId}:j:%`}
      ON CONFLICT ("groupId", "memberId") DO NOTHING`);
    joined += added;
  }
  await adjustMemberCounts(executor, new Map([[group.id, joined]]));
  return joined;
}

/** Puts a new member into the shop's default group, if it has one; true when they joined. */
export async function joinDefaultGroup(tx: GroupTx, shopId: string, memberId: string, now: Date): Promise<boolean> {
  return (await joinDefaultGroups(tx, shopId, [memberId], now)) > 0;
}
