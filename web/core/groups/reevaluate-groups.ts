// The scheduled (and after-save) re-evaluation: every automatic group and the tier ladder of a shop —
// or of every shop with automatic groups — against all its members, set-based: a handful of statements
// per group, whatever the number of members. This is where time-based rules move (lapsed, recent,
// birthday, anniversary) and where tiers move DOWN at the end of their period.
// Each group (and the tier ladder) runs in its own transaction holding that group's membership lock
// exclusively (see group-sql-dialect.ts), two at a time on PostgreSQL, so a refresh of that group waits
// at most its statements, and a second job process claims nothing already evaluated since `claimBefore`.
import { writeTransaction, type Db } from '../db-client';
import { prismaSqlExecutor } from '../sql/prisma-sql-executor';
import { sql } from '../sql/sql-query';
import { applyRuleGroup, type EvaluationContext } from './apply-rule-group';
import { applyTierLadder } from './apply-tier-ladder';
import { executorOf, LADDER_LOCK, lockGroupMemberships, planForActualValues, refreshMembershipStatistics, type GroupTx } from './group-sql-dialect';
import { loadShopGroups } from './load-shop-groups';
import { recountMembers } from './member-counts';
import { sqlClientOf } from '../sql/sql-client';

export interface ReevaluateOptions {
  /** one shop; absent = every shop with enabled automatic groups or tiers */
  shopId?: string;
  now: Date;
  /** GroupMembershipEvent.detail of the changes (default "scheduled") */
  trigger?: string;
  /** skip groups evaluated at or after this moment (another job process got there first) */
  claimBefore?: Date;
  /** checked between groups: true stops early (the process is stopping) */
  shouldStop?: () => boolean;
}

export interface ReevaluateSummary {
  shops: number;
  groups: number;
  skipped: number;
  joined: number;
  left: number;
}

/** Groups of one shop evaluated at once on PostgreSQL (each on its own pooled connection). */
const PARALLEL_GROUPS = 2;

/** A long write transaction: on PostgreSQL on the pg pool when there is one, else through Prisma (no 30 s cap). */
function inGroupTransaction<T>(db: Db, work: (tx: GroupTx) => Promise<T>): Promise<T> {
  if (db.sql && db.kind === 'postgresql') return db.sql.transaction((tx) => work(tx));
  return writeTransaction(db, (tx) => work(tx), { timeout: 30 * 60_000 });
}

/** Marks the groups evaluated now; false when another process evaluated them since `claimBefore`. */
async function claim(tx: GroupTx, groupIds: string[], now: Date, claimBefore: Date | undefined): Promise<boolean> {
  const executor = executorOf(tx);
  if (!claimBefore) return true;
  const [first] = groupIds;
  const claimed = await executor.execute(sql`
    UPDATE "CustomerGroup" SET "evaluatedAt" = ${now} WHERE "id" = ${first!} AND ("evaluatedAt" IS NULL OR "evaluatedAt" < ${claimBefore})`);
  return claimed > 0;
}

async function shopsWithAutomaticGroups(db: Db): Promise<string[]> {
  const rows = await sqlClientOf(db).query<{ shopId: string }>(sql`
    SELECT DISTINCT "shopId" FROM "CustomerGroup"
    WHERE "enabled" = TRUE AND "archivedAt" IS NULL AND ("kind" = 'automatic' OR "tierRank" IS NOT NULL) ORDER BY "shopId"`);
  return rows.map((row) => row.shopId);
}

export async function reevaluateGroups(db: Db, options: ReevaluateOptions): Promise<ReevaluateSummary> {
  const summary: ReevaluateSummary = { shops: 0, groups: 0, skipped: 0, joined: 0, left: 0 };
  const { now } = options;
  const trigger = options.trigger ?? 'scheduled';
  const shopIds = options.shopId ? [options.shopId] : await shopsWithAutomaticGroups(db);
  const reader = db.sql ?? prismaSqlExecutor(db.prisma);
  for (const shopId of shopIds) {
    if (options.shouldStop?.()) break;
    const groups = await loadShopGroups(reader, shopId);
    if (groups.ruleGroups.length === 0 && groups.tiers.length === 0) continue;
    summary.shops += 1;
    const signup = groups.earliestSignup;
    // The ladder first: it is the longest, so the other connection works through the groups meanwhile.
    const batches: Array<{ ids: string[]; lock: string; run: (context: EvaluationContext) => Promise<{ joined: number; left: number }> }> = [
      ...(groups.tiers.length > 0 ? [{ ids: groups.tiers.map((tier) => tier.id), lock: LADDER_LOCK, run: (context: EvaluationContext) => applyTierLadder(context, groups.tiers, { allowDown: true, materialise: true }) }] : []),
      ...groups.ruleGroups.map((group) => ({ ids: [group.id], lock: group.id, run: (context: EvaluationContext) => applyRuleGroup(context, group) })),
    ];
    const evaluate = async (batch: (typeof batches)[number]) => {
      const changes = await inGroupTransaction(db, async (tx) => {
        await lockGroupMemberships(tx, shopId, [batch.lock], 'exclusive');
        await planForActualValues(tx);
        if (!(await claim(tx, batch.ids, now, options.claimBefore))) return null;
        const executor = executorOf(tx);
        const context: EvaluationContext = { tx: executor, shopId, now, zone: groups.zone, earliestSignup: signup, memberIds: null, trigger };
        const result = await batch.run(context);
        await recountMembers(executor, batch.ids, now);
        return result;
      });
      if (!changes) {
        summary.skipped += batch.ids.length;
        return;
      }
      summary.groups += batch.ids.length;
      summary.joined += changes.joined;
      summary.left += changes.left;
      await refreshMembershipStatistics(db, changes.joined + changes.left);
    };
    // Each group (and the ladder) is its own transaction with its own lock, so on PostgreSQL two run at
    // once on two connections: PostgreSQL runs a statement on one core, and a shop's first run writes
    // millions of rows. SQLite has one writer.
    const queue = [...batches];
    const worker = async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        if (options.shouldStop?.()) return;
        await evaluate(batch);
      }
    };
    await Promise.all(Array.from({ length: db.kind === 'postgresql' && db.sql ? PARALLEL_GROUPS : 1 }, worker));
  }
  return summary;
}
