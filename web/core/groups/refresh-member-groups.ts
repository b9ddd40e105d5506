// Event-driven membership: after an order, refund, credit, consent or tag change, the members it
// touched are re-evaluated against every automatic group and the tier ladder, in the caller's
// transaction, with the same set-based statements as the scheduled re-evaluation limited to those
// members. Tiers only move UP here; moving down waits for the scheduled run at the period's end.
import { executorOf, lockShopMemberships, type GroupTx } from './group-sql-dialect';
import { applyRuleGroup, type EvaluationContext } from './apply-rule-group';
import { applyTierLadder } from './apply-tier-ladder';
import { earliestSignup, loadShopGroups } from './load-shop-groups';
import { usesAnniversary } from './rule-predicate';
import { adjustMemberCounts } from './member-counts';

export interface RefreshSummary {
  joined: number;
  left: number;
}

/** At most this many members per statement (parameter limits of both drivers). */
const MEMBERS_PER_STATEMENT = 500;

/**
 * `tx`: the caller's transaction — our SqlExecutor (pg pool or Prisma raw) or a Prisma transaction.
 * `reason`: why (GroupMembershipEvent.detail), e.g. order_paid, refund, credit, consent, tags.
 */
export async function refreshMemberGroups(tx: GroupTx, shopId: string, memberIds: readonly string[], reason: string, now: Date): Promise<RefreshSummary> {
  const summary: RefreshSummary = { joined: 0, left: 0 };
  const unique = [...new Set(memberIds)].sort();
  if (unique.length === 0) return summary;
  const executor = executorOf(tx);
  const groups = await loadShopGroups(executor, shopId);
  if (groups.ruleGroups.length === 0 && groups.tiers.length === 0) return summary;
  await lockShopMemberships(tx, shopId, 'shared');
  const signup = groups.ruleGroups.some((group) => usesAnniversary(group.rules)) ? await earliestSignup(executor, shopId) : null;
  const deltas = new Map<string, number>();
  for (let start = 0; start < unique.length; start += MEMBERS_PER_STATEMENT) {
    const context: EvaluationContext = {
      tx: executor, shopId, now, zone: groups.zone, earliestSignup: signup, memberIds: unique.slice(start, start + MEMBERS_PER_STATEMENT), trigger: reason,
    };
    for (const group of groups.ruleGroups) {
      const changes = await applyRuleGroup(context, group);
      summary.joined += changes.joined;
      summary.left += changes.left;
      if (changes.joined !== changes.left) deltas.set(group.id, (deltas.get(group.id) ?? 0) + changes.joined - changes.left);
    }
    const tiers = await applyTierLadder(context, groups.tiers, { allowDown: false });
    summary.joined += tiers.joined;
    summary.left += tiers.left;
    for (const [groupId, delta] of tiers.deltas) deltas.set(groupId, (deltas.get(groupId) ?? 0) + delta);
  }
  await adjustMemberCounts(executor, deltas);
  return summary;
}
