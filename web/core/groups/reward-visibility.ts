// Rewards limited to groups (GiftCardReward.visibleToGroups, a JSON list of group ids): an empty list
// is everyone; otherwise a customer sees and may redeem the reward only while in one of those groups
// (GroupMember rows). Staff may still grant any reward. Archived groups no longer count.
import type { SqlExecutor } from '../sql/sql-client';
import { sql, sqlList } from '../sql/sql-query';

export function parseVisibleToGroups(json: string): string[] {
  try {
    const ids = JSON.parse(json) as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function isRewardVisibleTo(visibleToGroups: readonly string[], memberGroupIds: ReadonlySet<string>): boolean {
  return visibleToGroups.length === 0 || visibleToGroups.some((id) => memberGroupIds.has(id));
}

/** The ids of the member's current groups in this shop (only those among `among`, when given). */
export async function readMemberGroupIds(tx: SqlExecutor, shopId: string, memberId: string, among?: readonly string[]): Promise<Set<string>> {
  if (among && among.length === 0) return new Set();
  const rows = await tx.query<{ groupId: string }>(sql`
    SELECT gm."groupId" AS "groupId" FROM "GroupMember" gm JOIN "CustomerGroup" g ON g."id" = gm."groupId"
    WHERE gm."shopId" = ${shopId} AND gm."memberId" = ${memberId} AND g."archivedAt" IS NULL${among ? sql` AND gm."groupId" IN ${sqlList(among)}` : sql``}`);
  return new Set(rows.map((row) => row.groupId));
}
