// Queues the groups' Shopify work as durable tasks. Call these wherever discount-group membership or a
// group's discount settings change (in the same transaction, when there is one):
// - enqueueMemberTagSync: members joined or left a group with a discount benefit (or the group's tag
//   changed): their Shopify customer tags are brought in line with their GroupMember rows;
// - enqueueGroupDiscountSync: a group was created, renamed, its discount percentage changed, it was
//   disabled or archived: its segment and automatic discount are created, updated or deleted.
// Both tasks read the desired state when they run, so queuing one twice is harmless, and every call
// gets a fresh reference (a task that already ran must not swallow a later change). Callers that forget
// are caught within a minute by the queue-group-shopify-sync job (queue-group-shopify-sync.ts), which
// reads the membership history and compares each group with what was last synced.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db-client';
import { sqlClientOf, type SqlExecutor } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import { enqueueTasks, type EnqueueTaskInput } from '../tasks/task-queue';
import { SYNC_GROUP_DISCOUNT_TASK, SYNC_MEMBER_TAGS_TASK } from './group-task-kinds';

/** Members per tag-sync task: one task reads their tags in a few requests and changes them in batches. */
export const MEMBERS_PER_TAG_TASK = 250;

type Target = Db | SqlExecutor;

/** `removeTags`: tags the app gave before that no longer carry its prefix or name (a renamed group, a new prefix). */
export function memberTagSyncTasks(shopDomain: string, shopId: string, memberIds: readonly string[], removeTags: readonly string[] = []): EnqueueTaskInput[] {
  const ids = [...new Set(memberIds)];
  const tasks: EnqueueTaskInput[] = [];
  for (let i = 0; i < ids.length; i += MEMBERS_PER_TAG_TASK) {
    tasks.push({ shopDomain, kind: SYNC_MEMBER_TAGS_TASK, reference: `member-tags:${shopId}:${randomUUID()}`, payload: { shopId, memberIds: ids.slice(i, i + MEMBERS_PER_TAG_TASK), ...(removeTags.length ? { removeTags } : {}) } });
  }
  return tasks;
}

export async function enqueueMemberTagSync(target: Target, input: { shopDomain: string; shopId: string; memberIds: readonly string[] }, now = new Date()): Promise<number> {
  return enqueueTasks(target, memberTagSyncTasks(input.shopDomain, input.shopId, input.memberIds), now);
}

export async function enqueueGroupDiscountSync(target: Target, input: { shopDomain: string; groupId: string }, now = new Date()): Promise<boolean> {
  return (await enqueueTasks(target, [{ shopDomain: input.shopDomain, kind: SYNC_GROUP_DISCOUNT_TASK, reference: `group-discount:${input.groupId}:${randomUUID()}`, payload: { groupId: input.groupId } }], now)) > 0;
}

/** Queues a tag sync for every current member of the group (its tag appeared, changed or went away). */
export async function enqueueTagSyncForGroupMembers(db: Db, group: { id: string; shopId: string }, shopDomain: string, now = new Date(), removeTags: readonly string[] = []): Promise<number> {
  const rows = await sqlClientOf(db).query<{ memberId: string }>(sql`SELECT "memberId" FROM "GroupMember" WHERE "groupId" = ${group.id} AND "shopId" = ${group.shopId}`);
  return enqueueTasks(db, memberTagSyncTasks(shopDomain, group.shopId, rows.map((row) => row.memberId), removeTags), now);
}
