// The one place staff-driven membership changes are written: a GroupMember row and its append-only
// GroupMembershipEvent, together, inside the caller's transaction. Set-based and idempotent: the
// insert skips members already in (ON CONFLICT DO NOTHING) and the delete only returns members that
// were in, and history rows are written for exactly those, so a repeated add or remove changes nothing
// and leaves no duplicate history, even when two requests race.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db-client';
import { prismaSqlExecutor } from '../sql/prisma-sql-executor';
import { joinSql, sql, sqlList } from '../sql/sql-query';
import type { MembershipSource } from './group-types';

const CHUNK = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface MembershipChange {
  shopId: string;
  groupId: string;
  memberIds: string[];
  /** staff | csv_import | group_archived … (GroupMembershipEvent.reason) */
  reason: string;
  /** the staff user id, for staff changes */
  detail: string;
  now: Date;
}

async function recordEvents(tx: Tx, change: MembershipChange, memberIds: string[], kind: 'joined' | 'left'): Promise<void> {
  if (memberIds.length === 0) return;
  const rows = memberIds.map((memberId) => sql`(${randomUUID()}, ${change.shopId}, ${change.groupId}, ${memberId}, ${kind}, ${change.reason}, ${change.detail}, ${change.now})`);
  await prismaSqlExecutor(tx).execute(sql`
    INSERT INTO "GroupMembershipEvent" ("id", "shopId", "groupId", "memberId", "change", "reason", "detail", "occurredAt")
    VALUES ${joinSql(rows)}`);
}

async function refreshMemberCount(tx: Tx, groupId: string): Promise<number> {
  const count = await tx.groupMember.count({ where: { groupId } });
  await tx.customerGroup.update({ where: { id: groupId }, data: { memberCount: count } });
  return count;
}

/** Adds the members (of this shop) not yet in the group; returns the ids that joined. */
export async function joinGroup(tx: Tx, change: MembershipChange & { source: MembershipSource }): Promise<string[]> {
  const joined: string[] = [];
  for (const part of chunks([...new Set(change.memberIds)], CHUNK)) {
    const rows = await prismaSqlExecutor(tx).query<{ memberId: string }>(sql`
      INSERT INTO "GroupMember" ("groupId", "memberId", "shopId", "source", "joinedAt")
      SELECT ${change.groupId}, m."id", m."shopId", ${change.source}, ${change.now}
      FROM "Member" m WHERE m."shopId" = ${change.shopId} AND m."id" IN ${sqlList(part)}
      ON CONFLICT ("groupId", "memberId") DO NOTHING
      RETURNING "memberId"`);
    const ids = rows.map((row) => row.memberId);
    await recordEvents(tx, change, ids, 'joined');
    joined.push(...ids);
  }
  if (joined.length > 0) await refreshMemberCount(tx, change.groupId);
  return joined;
}

/** Removes the members that are in the group; returns the ids that left. */
export async function leaveGroup(tx: Tx, change: MembershipChange): Promise<string[]> {
  const left: string[] = [];
  for (const part of chunks([...new Set(change.memberIds)], CHUNK)) {
    const rows = await prismaSqlExecutor(tx).query<{ memberId: string }>(sql`
      DELETE FROM "GroupMember" WHERE "groupId" = ${change.groupId} AND "shopId" = ${change.shopId} AND "memberId" IN ${sqlList(part)}
      RETURNING "memberId"`);
    const ids = rows.map((row) => row.memberId);
    await recordEvents(tx, change, ids, 'left');
    left.push(...ids);
  }
  if (left.length > 0) await refreshMemberCount(tx, change.groupId);
  return left;
}
