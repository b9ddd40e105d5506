// Rule and tier evaluations write a change's history rows first, and those rows ARE the set the
// membership follows, so history and membership cannot disagree and each predicate runs once.
// PostgreSQL does both in one statement: the history INSERT … RETURNING feeds the membership INSERT or
// DELETE (data-modifying CTEs), so the set is never read back — at a first run of a million members
// that read-back was a quarter of the time. SQLite has no data-modifying CTEs: there the membership
// statement reads this evaluation's rows back by their id prefix.
import { sql, type SqlQuery } from '../sql/sql-query';
import type { SqlExecutor } from '../sql/sql-client';

export interface HistoryThenMembership {
  /** INSERT INTO "GroupMembershipEvent" … (no RETURNING) */
  history: SqlQuery;
  /** the membership INSERT or DELETE, reading ("groupId", "memberId") rows from the given query (no RETURNING) */
  membership: (changed: SqlQuery) => SqlQuery;
  /** SQLite: this evaluation's history rows of the change, as ("groupId", "memberId") */
  readBack: SqlQuery;
  /** the one group the change is about, when there is one (saves SQLite a count) */
  singleGroupId?: string;
}

/** Writes the history rows, then the membership they describe; returns the membership rows changed per group. */
export async function writeHistoryThenMembership(tx: SqlExecutor, change: HistoryThenMembership): Promise<Map<string, number>> {
  const changed = new Map<string, number>();
  if (tx.dialect === 'postgresql') {
    const rows = await tx.query<{ groupId: string; n: number | bigint | string }>(sql`
      WITH "history" AS (${change.history} RETURNING "groupId", "memberId"),
        "membership" AS (${change.membership(sql`SELECT "groupId", "memberId" FROM "history"`)} RETURNING "groupId")
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

/** Total over the groups. */
export const totalOf = (changed: Map<string, number>): number => [...changed.values()].reduce((sum, n) => sum + n, 0);
