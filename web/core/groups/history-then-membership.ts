// Rule and tier evaluations write a change's history rows first, and those rows ARE the set the
// membership follows, so history and membership cannot disagree and each predicate runs once.
// PostgreSQL does both in one statement: the history INSERT … RETURNING feeds the membership INSERT or
// DELETE (data-modifying CTEs), so the set is never read back — at a first run of a million members
// that read-back was a quarter of the time. SQLite has no data-modifying CTEs: there the membership
// statement reads this evaluation's rows back by their id prefix.
import { randomBytes } from 'node:crypto';
import { sql, sqlText, type SqlQuery } from '../sql/sql-query';
import type { SqlExecutor } from '../sql/sql-client';
import type { PredicateContext } from './rule-predicate';

export interface HistoryThenMembership {
  /** INSERT INTO "GroupMembershipEvent" … (no RETURNING) */
  history: SqlQuery;
  /** the membership INSERT or DELETE, reading ("groupId", "memberId", "occurredAt") rows from the given query (no RETURNING) */
  membership: (changed: SqlQuery) => SqlQuery;
  /** SQLite: this evaluation's history rows of the change, as ("groupId", "memberId", "occurredAt") */
  readBack: SqlQuery;
  /** the one group the change is about, when there is one (saves SQLite a count) */
  singleGroupId?: string;
}

/** Writes the history rows, then the membership they describe; returns the membership rows changed per group. */
export async function writeHistoryThenMembership(tx: SqlExecutor, change: HistoryThenMembership): Promise<Map<string, number>> {
  const changed = new Map<string, number>();
  if (tx.dialect === 'postgresql') {
    const rows = await tx.query<{ groupId: string; n: number | bigint | string }>(sql`
      WITH "history" AS (${change.history} RETURNING "groupId", "memberId", "occurredAt"),
        "membership" AS (${change.membership(sql`SELECT "groupId", "memberId", "occurredAt" FROM "history"`)} RETURNING "groupId")
      SELECT "groupId", COUNT(*) AS "n" FROM "membership" GROUP BY "groupId"`);
    for (const row of rows) changed.set(row.groupId, Number(row.n));
    return changed;
  }
  const written = await tx.execute(change.history);
  if (written === 0) return changed;
  const applied = await tx.execute(change.membership(change.readBack));
  if (change.singleGroupId !== undefined) {
    if (applied > 0) changed.set(change.singleGroupId, applied);
    return changed;
  }
  const rows = await tx.query<{ groupId: string; n: number | bigint | string }>(sql`SELECT "groupId", COUNT(*) AS "n" FROM (${change.readBack}) r GROUP BY "groupId"`);
  for (const row of rows) changed.set(row.groupId, Number(row.n));
  return changed;
}

/** Rows ("groupId", "memberId", "occurredAt") of one evaluation's history, found through the (shopId, groupId, occurredAt) index. */
export function evaluationEvents(context: Pick<PredicateContext, 'shopId' | 'now'>, groupIds: SqlQuery, evaluationId: string, change: 'j' | 'l'): SqlQuery {
  return sql`SELECT e."groupId", e."memberId", e."occurredAt" FROM "GroupMembershipEvent" e
    WHERE e."shopId" = ${context.shopId} AND e."groupId" IN ${groupIds} AND e."occurredAt" = ${context.now} AND e."id" LIKE ${`${evaluationId}:${change}:%`}`;
}

/** Total over the groups. */
export const totalOf = (changed: Map<string, number>): number => [...changed.values()].reduce((sum, n) => sum + n, 0);

/**
 * "Not in these groups yet", for the history statement of a join. On PostgreSQL that statement also
 * inserts into GroupMember (the CTE above) while it reads it, so a full run must read GroupMember once —
 * a hashed NOT IN — and not probe it per member: a per-member scan walks the pages the statement itself
 * is appending (quadratic: a first run of a million members never finished). A few members' refresh
 * looks each one up by the primary key instead.
 */
export function notInGroups(memberColumn: string, groupIds: SqlQuery, memberIds: PredicateContext['memberIds']): SqlQuery {
  if (!memberIds) return sql`${sqlText(memberColumn)} NOT IN (SELECT gm."memberId" FROM "GroupMember" gm WHERE gm."groupId" IN ${groupIds})`;
  return sql`NOT EXISTS (SELECT 1 FROM "GroupMember" gm WHERE gm."groupId" IN ${groupIds} AND gm."memberId" = ${sqlText(memberColumn)})`;
}

/**
 * The prefix of one evaluation's history ids ("<evaluation>:j:<member>"): 64 random bits in 16 hex
 * characters (no LIKE wildcards), unique enough for one group at one instant, and shorter than a UUID —
 * the id is in two of the history table's indexes, and a shop's first run writes millions of them.
 */
export function newEvaluationId(): string {
  return randomBytes(8).toString('hex');
}
