// The safety net that keeps Shopify in step without every writer of groups having to remember it (the
// `queue-group-shopify-sync` job, every minute):
// - groups whose discount settings differ from what their Shopify objects were last synced from
//   (groupSyncState) get a `sync-group-discount` task — one per state, by its reference;
// - members who joined or left a group that has (or had) a Shopify tag, as the append-only membership
//   history records it, get `sync-member-tags` tasks. A cursor (GroupTagSyncCursor) remembers how far the
//   history was read; it moves in the same transaction that queues the tasks, and only if no other
//   process moved it meanwhile, so each event is queued once. Events younger than READ_LAG_MS are left
//   for the next run: a transaction still open may yet commit events with an earlier timestamp.
// Callers that change membership may also queue at once (enqueue-group-sync.ts); the tasks are
// idempotent, so a member queued twice costs one tag read.
import { createHash } from 'node:crypto';
import type { Db } from '../db-client';
import { sqlClientOf } from '../sql/sql-client';
import { sql, toDate } from '../sql/sql-query';
import { enqueueTasks, type EnqueueTaskInput } from '../tasks/task-queue';
import { memberTagSyncTasks } from './enqueue-group-sync';
import { DEFAULT_GROUP_TAG_PREFIX } from './group-shopify-names';
import { SYNC_GROUP_DISCOUNT_TASK } from './group-task-kinds';
import { groupSyncState } from './sync-group-discount';

export const READ_LAG_MS = 30_000;
const EVENTS_PER_PASS = 5000;
const CURSOR_ID = 'events';

/** Groups the Shopify side cares about: a discount now, or Shopify objects from before. */
const RELEVANT = sql`(g."benefitKind" = 'discount' OR g."shopifyTag" IS NOT NULL OR g."shopifySegmentId" IS NOT NULL OR g."shopifyDiscountId" IS NOT NULL)`;

export async function queueGroupDiscountSyncs(db: Db, now: Date): Promise<number> {
  const rows = await sqlClientOf(db).query<{ id: string; name: string; enabled: boolean | number | bigint; benefitKind: string; benefitDiscountPercent: number | bigint | null; archivedAt: unknown; state: string | null; prefix: string | null; domain: string }>(sql`
    SELECT g."id" AS "id", g."name" AS "name", g."enabled" AS "enabled", g."benefitKind" AS "benefitKind", g."benefitDiscountPercent" AS "benefitDiscountPercent",
      g."archivedAt" AS "archivedAt", g."shopifySyncedState" AS "state", ps."groupTagPrefix" AS "prefix", s."domain" AS "domain"
    FROM "CustomerGroup" g JOIN "Shop" s ON s."id" = g."shopId" LEFT JOIN "ProgramSettings" ps ON ps."shopId" = g."shopId"
    WHERE ${RELEVANT} AND s."uninstalledAt" IS NULL`);
  const tasks: EnqueueTaskInput[] = [];
  for (const row of rows) {
    const state = groupSyncState({
      name: row.name,
      enabled: row.enabled === true || Number(row.enabled) === 1,
      benefitKind: row.benefitKind,
      benefitDiscountPercent: row.benefitDiscountPercent === null ? null : Number(row.benefitDiscountPercent),
      archivedAt: row.archivedAt === null ? null : toDate(row.archivedAt),
    }, row.prefix ?? DEFAULT_GROUP_TAG_PREFIX);
    if (state === row.state) continue;
    const digest = createHash('sha256').update(state).digest('hex').slice(0, 16);
    tasks.push({ shopDomain: row.domain, kind: SYNC_GROUP_DISCOUNT_TASK, reference: `group-discount:${row.id}:${digest}`, payload: { groupId: row.id } });
  }
  return enqueueTasks(db, tasks, now);
}

interface EventRow {
  id: string;
  occurredAt: unknown;
  shopId: string;
  memberId: string;
  domain: string | null;
  relevant: number | bigint | boolean;
}

/** Reads the membership history past the cursor and queues tag syncs; returns the members queued. */
export async function queueMemberTagSyncs(db: Db, now: Date): Promise<number> {
  const until = new Date(now.getTime() - READ_LAG_MS);
  const client = sqlClientOf(db);
  let queued = 0;
  for (;;) {
    const pass = await client.transaction(async (tx) => {
      const [cursor] = await tx.query<{ occurredAt: unknown; eventId: string }>(sql`SELECT "occurredAt", "eventId" FROM "GroupTagSyncCursor" WHERE "id" = ${CURSOR_ID}`);
      const after = cursor ? sql`AND (e."occurredAt" > ${toDate(cursor.occurredAt)} OR (e."occurredAt" = ${toDate(cursor.occurredAt)} AND e."id" > ${cursor.eventId}))` : sql``;
      const events = await tx.query<EventRow>(sql`
        SELECT e."id" AS "id", e."occurredAt" AS "occurredAt", e."shopId" AS "shopId", e."memberId" AS "memberId", s."domain" AS "domain",
          CASE WHEN g."id" IS NOT NULL AND ${RELEVANT} THEN 1 ELSE 0 END AS "relevant"
        FROM "GroupMembershipEvent" e
        LEFT JOIN "CustomerGroup" g ON g."id" = e."groupId"
        LEFT JOIN "Shop" s ON s."id" = e."shopId"
        WHERE e."occurredAt" <= ${until} ${after}
        ORDER BY e."occurredAt", e."id"
        LIMIT ${EVENTS_PER_PASS}`);
      const last = events.at(-1);
      if (!last) return { members: 0, more: false };
      const byShop = new Map<string, { domain: string; members: Set<string> }>();
      for (const event of events) {
        if (Number(event.relevant) !== 1 || !event.domain) continue;
        const entry = byShop.get(event.shopId) ?? { domain: event.domain, members: new Set<string>() };
        entry.members.add(event.memberId);
        byShop.set(event.shopId, entry);
      }
      const moved = cursor
        ? await tx.execute(sql`UPDATE "GroupTagSyncCursor" SET "occurredAt" = ${toDate(last.occurredAt)}, "eventId" = ${last.id}, "updatedAt" = ${now}
            WHERE "id" = ${CURSOR_ID} AND "eventId" = ${cursor.eventId} AND "occurredAt" = ${toDate(cursor.occurredAt)}`)
        : await tx.execute(sql`INSERT INTO "GroupTagSyncCursor" ("id", "occurredAt", "eventId", "updatedAt") VALUES (${CURSOR_ID}, ${toDate(last.occurredAt)}, ${last.id}, ${now})
            ON CONFLICT ("id") DO NOTHING`);
      // Another process read these events first: it queues them.
      if (moved === 0) return { members: 0, more: false };
      const tasks = [...byShop].flatMap(([shopId, { domain, members }]) => memberTagSyncTasks(domain, shopId, [...members]));
      if (tasks.length > 0) await enqueueTasks(tx, tasks, now);
      return { members: [...byShop.values()].reduce((sum, entry) => sum + entry.members.size, 0), more: events.length === EVENTS_PER_PASS };
    });
    queued += pass.members;
    if (!pass.more) return queued;
  }
}
