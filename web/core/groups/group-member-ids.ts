// The ids of a group's current members as a subquery: the group filter of the members list, the
// points report and its exports (one indexed lookup, whatever the group's size).
import { sql, type SqlQuery } from '../sql/sql-query';

export function groupMemberIds(shopId: string, groupId: string): SqlQuery {
  return sql`SELECT gm."memberId" FROM "GroupMember" gm WHERE gm."shopId" = ${shopId} AND gm."groupId" = ${groupId}`;
}
