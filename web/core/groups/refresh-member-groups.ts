// Event-driven membership: after an order, refund, credit, consent or tag change, the members it
// touched are re-evaluated against every automatic group and the tier ladder, in the caller's
// transaction (the refresh task's, see enqueue-member-group-refresh.ts), with the same set-based
// statements as the scheduled re-evaluation limited to those members. Tiers only move UP here; moving
// down waits for the scheduled run at the period's end.
import { executorOf, LADDER_LOCK, lockGroupMemberships, planOncePerConnection, type GroupTx } from './group-sql-dialect';
import { applyRuleGroup, type EvaluationContext } from './apply-rule-group';
import { applyTierLadder, ladderOf } from './apply-tier-ladder';
import { loadShopGroups, type ShopGroups } from './load-shop-groups';
import { rulePredicate } from './rule-predicate';
import { adjustMemberCounts } from './member-counts';
import { joinSql, sql, sqlList, sqlText, type SqlQuery } from '../sql/sql-query';

export interface RefreshSummary {
  joined: number;
  left: number;
}

/** Values per detection statement, under the pg client's limit for prepared statements (64). */
const VALUES_PER_STATEMENT = 56;

/** Batches up to this size (an order or two) use reusable generic plans for the rule-group checks. */
const GENERIC_PLAN_MEMBERS = 4;

/** At most this many members per statement (parameter limits of both drivers). */
const MEMBERS_PER_STATEMENT = 500;

/**
 * Which groups these members' facts would change: per rule group, "matches but is not in it, or is in
 * it by rule but no longer matches"; for the ladder, "holds a tier or qualifies for one". Most orders
 * change nothing, so the order path usually stops here (no write statements at all).
 * The rule-group checks run as several short statements: with few values each is a prepared statement
 * whose generic plan is made once per connection (planning one statement with every group's predicate
 * cost more than running it). The ladder check aggregates the members' orders and is planned for its
 * values every time: a generic plan of it can scan a shop's whole order history.
 */
async function groupsToUpdate(tx: GroupTx, context: EvaluationContext, groups: ShopGroups): Promise<{ ruleGroupIds: Set<string>; ladder: boolean }> {
  const flags = groups.ruleGroups.map((group, index) => {
    const matches = rulePredicate(group.rules, context);
    const member = (source: string) => sql`EXISTS (SELECT 1 FROM "GroupMember" gm WHERE gm."groupId" = ${group.id} AND gm."memberId" = m."id"${sqlText(source)})`;
    return sql`MAX(CASE WHEN ${member(` AND gm."source" = 'rule'`)} THEN (CASE WHEN ${matches} THEN 0 ELSE 1 END)
      WHEN ${member('')} THEN 0 WHEN ${matches} THEN 1 ELSE 0 END) AS ${sqlText(`"g${index}"`)}`;
  });
  const scope = sql` FROM "Member" m WHERE m."shopId" = ${context.shopId} AND m."id" IN ${sqlList([...(context.memberIds ?? [])])}`;
  const statements: SqlQuery[][] = [[]];
  let values = 0;
  for (const flag of flags) {
    if (values > 0 && values + flag.values.length > VALUES_PER_STATEMENT) {
      statements.push([]);
      values = 0;
    }
    statements[statements.length - 1]!.push(flag);
    values += flag.values.length;
  }
  const row: Record<string, unknown> = {};
  const generic = (context.memberIds?.length ?? 0) <= GENERIC_PLAN_MEMBERS;
  if (generic) await planOncePerConnection(tx, 'start');
  for (const part of statements.filter((list) => list.length > 0)) {
    const [result] = await context.tx.query<Record<string, unknown>>(sql`SELECT ${joinSql(part)}${scope}`);
    Object.assign(row, result);
  }
  if (generic) await planOncePerConnection(tx, 'restore');
  if (groups.tiers.length > 0) {
    const { standings } = ladderOf(context, groups.tiers);
    const [result] = await context.tx.query<Record<string, unknown>>(sql`
      SELECT MAX(CASE WHEN EXISTS (SELECT 1 FROM "GroupMember" gm WHERE gm."memberId" = m."id" AND gm."groupId" IN ${sqlList(groups.tiers.map((tier) => tier.id))}) THEN 1
        WHEN m."id" IN (SELECT s."memberId" FROM (${standings}) s WHERE s."erank" > 0) THEN 1 ELSE 0 END) AS "ladder"${scope}`);
    Object.assign(row, result);
  }
  const set = (value: unknown) => Number(value ?? 0) > 0;
  return {
    ruleGroupIds: new Set(groups.ruleGroups.filter((_, index) => set(row[`g${index}`])).map((group) => group.id)),
    ladder: set(row.ladder),
  };
}

/**
 * `tx`: the caller's transaction — our SqlExecutor (pg pool or Prisma raw) or a Prisma transaction.
 * `reason`: why (GroupMembershipEvent.detail): order, refund, credit, consent, customer_update …
 */
export async function refreshMemberGroups(tx: GroupTx, shopId: string, memberIds: readonly string[], reason: string, now: Date): Promise<RefreshSummary> {
  const summary: RefreshSummary = { joined: 0, left: 0 };
  const unique = [...new Set(memberIds)].sort();
  if (unique.length === 0) return summary;
  const executor = executorOf(tx);
  const groups = await loadShopGroups(executor, shopId);
  if (groups.ruleGroups.length === 0 && groups.tiers.length === 0) return summary;
  const signup = groups.earliestSignup;
  const deltas = new Map<string, number>();
  for (let start = 0; start < unique.length; start += MEMBERS_PER_STATEMENT) {
    const context: EvaluationContext = {
      tx: executor, shopId, now, zone: groups.zone, earliestSignup: signup, memberIds: unique.slice(start, start + MEMBERS_PER_STATEMENT), trigger: reason,
    };
    const toUpdate = await groupsToUpdate(tx, context, groups);
    // Only the groups this refresh writes are locked (shared: refreshes never wait for each other), and
    // only then: the statements below re-check the rules, so a full run committing meanwhile is seen.
    await lockGroupMemberships(tx, shopId, [...toUpdate.ruleGroupIds, ...(toUpdate.ladder ? [LADDER_LOCK] : [])], 'shared');
    for (const group of groups.ruleGroups.filter((g) => toUpdate.ruleGroupIds.has(g.id))) {
      const changes = await applyRuleGroup(context, group);
      summary.joined += changes.joined;
      summary.left += changes.left;
      if (changes.joined !== changes.left) deltas.set(group.id, (deltas.get(group.id) ?? 0) + changes.joined - changes.left);
    }
    if (!toUpdate.ladder) continue;
    const tiers = await applyTierLadder(context, groups.tiers, { allowDown: false });
    summary.joined += tiers.joined;
    summary.left += tiers.left;
    for (const [groupId, delta] of tiers.deltas) deltas.set(groupId, (deltas.get(groupId) ?? 0) + delta);
  }
  await adjustMemberCounts(executor, deltas);
  return summary;
}
