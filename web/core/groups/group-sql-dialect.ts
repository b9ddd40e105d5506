// The one place where group maintenance differs between SQLite and PostgreSQL. The rule predicates and
// membership statements are portable SQL (dates arrive as instants, birthdays as month-day numbers);
// what differs is how writers of a shop's memberships keep out of each other's way:
// - PostgreSQL: a transaction-scoped advisory lock per group (and one for the tier ladder). Event-driven
//   refreshes take the locks of the groups they change SHARED, so they never wait for each other (they
//   touch different, row-locked members); a full re-evaluation of a group takes its lock EXCLUSIVE, so no
//   refresh commits between its "who matches" and its "who leaves" statements — an order processed
//   during a re-evaluation leaves one consistent membership — while other groups are evaluated at once.
// - SQLite: one writer at a time (writeTransaction takes the write lock first), so nothing to add.
import type { DbKind, Tx } from '../db-client';
import { asSqlExecutor, type SqlExecutor } from '../sql/sql-client';
import { joinSql, sql, sqlText } from '../sql/sql-query';

/** A transaction group maintenance writes in: our SqlExecutor (the pg pool's or Prisma's) or a Prisma transaction. */
export type GroupTx = SqlExecutor | Tx;

/**
 * The database behind a transaction. The pg pool's executor says so; a Prisma transaction knows its
 * provider (`_activeProvider`, set by Prisma's generated client on the client and its transactions).
 */
export function dialectOf(tx: GroupTx): DbKind {
  if ('dialect' in tx && tx.dialect === 'postgresql') return 'postgresql';
  const provider = (tx as { _activeProvider?: string })._activeProvider;
  return provider === 'postgresql' ? 'postgresql' : 'sqlite';
}

export function executorOf(tx: GroupTx): SqlExecutor {
  return asSqlExecutor(tx);
}

/**
 * A full re-evaluation's statements are planned for the values at hand: the pg pool prepares named
 * statements, whose generic plan (after a few runs) guesses a period filter matches 0.5 % of the orders
 * and nests loops over a million members. Custom plans cost a millisecond of planning per statement.
 */
export async function planForActualValues(tx: GroupTx): Promise<void> {
  if (dialectOf(tx) !== 'postgresql') return;
  await executorOf(tx).execute(sql`SET LOCAL plan_cache_mode = force_custom_plan`);
  // "member IN (spenders of the period)" must be a hashed subplan: with the default 4 MB of work_mem a
  // million members' ids do not fit, and PostgreSQL re-runs the aggregate once per member (minutes, not
  // seconds, at 1,000,000 members). Scoped to this transaction.
  await executorOf(tx).execute(sql`SET LOCAL work_mem = '256MB'`);
}

/**
 * The reverse for event-driven refreshes: their statements touch a few members by id (index lookups
 * whatever the values), but one of them carries every group's predicate and takes ~10 ms to plan, more
 * than it takes to run. A generic plan is made once per pooled connection and reused. `restore` puts
 * the caller's transaction back on the default for the statements after ours.
 */
export async function planOncePerConnection(tx: GroupTx, mode: 'start' | 'restore'): Promise<void> {
  if (dialectOf(tx) !== 'postgresql') return;
  await executorOf(tx).execute(mode === 'start' ? sql`SET LOCAL plan_cache_mode = force_generic_plan` : sql`SET LOCAL plan_cache_mode = auto`);
}

/** Namespace of our advisory locks (the first key), so they never collide with another feature's. */
const GROUP_LOCK_NAMESPACE = 0x67727073; // "grps"

/** The lock of one group's memberships (a group id), or of the shop's whole tier ladder. */
export const LADDER_LOCK = 'ladder';

/**
 * Locks the memberships of some of a shop's groups (group ids, or LADDER_LOCK for the tier ladder),
 * per group: a full evaluation of one group holds its lock EXCLUSIVE, so no refresh of that group
 * commits between its "who joins" and "who leaves" statements, while other groups' evaluations (a
 * second connection) and refreshes of other groups go on. Shared locks are taken in key order.
 */
export async function lockGroupMemberships(tx: GroupTx, shopId: string, keys: readonly string[], mode: 'shared' | 'exclusive'): Promise<void> {
  if (dialectOf(tx) !== 'postgresql' || keys.length === 0) return;
  const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  const rows = joinSql([...new Set(keys)].sort().map((key) => sql`(${`${shopId}:${key}`})`));
  // One statement, keys in order; run with execute: the functions return void, which a row reader may refuse to map.
  await executorOf(tx).execute(sql`
    SELECT ${sqlText(lock)}(${GROUP_LOCK_NAMESPACE}::int, hashtext(k."key")) FROM (SELECT v."key" FROM (VALUES ${rows}) AS v("key") ORDER BY v."key") k`);
}

/** Changes by one group's evaluation above which the membership tables' statistics are refreshed at once. */
const STATISTICS_STALE_AFTER_CHANGES = 10_000;

/**
 * After a group's evaluation wrote many rows (a shop's first run writes a million joins per group),
 * the planner's statistics of the membership tables are refreshed before the next group's statements:
 * planned on "GroupMember is empty" they anti-join every member against a sequential scan of it, and
 * autovacuum's ANALYZE comes a minute later, after the rest of the run. ANALYZE samples, so it costs
 * well under a second whatever the size.
 */
export async function refreshMembershipStatistics(db: { sql?: SqlExecutor; kind: DbKind }, changes: number): Promise<void> {
  if (db.kind !== 'postgresql' || !db.sql || changes < STATISTICS_STALE_AFTER_CHANGES) return;
  await db.sql.execute(sql`ANALYZE "GroupMember"`);
  await db.sql.execute(sql`ANALYZE "GroupMembershipEvent"`);
}
