// CustomerGroup.memberCount is a cache: event-driven changes adjust it by their delta (no count of a
// large group on the order path); the scheduled re-evaluation recounts it exactly.
import type { SqlExecutor } from '../sql/sql-client';
import { sql } from '../sql/sql-query';

export async function adjustMemberCounts(tx: SqlExecutor, deltas: ReadonlyMap<string, number>): Promise<void> {
  for (const [groupId, delta] of [...deltas].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (delta === 0) continue;
    await tx.execute(sql`UPDATE "CustomerGroup" SET "memberCount" = "memberCount" + ${delta} WHERE "id" = ${groupId}`);
  }
}

export async function recountMembers(tx: SqlExecutor, groupIds: readonly string[], evaluatedAt: Date): Promise<void> {
  for (const groupId of groupIds) {
    await tx.execute(sql`
      UPDATE "CustomerGroup" SET "memberCount" = (SELECT COUNT(*) FROM "GroupMember" gm WHERE gm."groupId" = ${groupId}), "evaluatedAt" = ${evaluatedAt}
      WHERE "id" = ${groupId}`);
  }
}
