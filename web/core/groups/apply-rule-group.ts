// Brings one automatic group's membership in line with its rules, for the whole shop or some members,
// set-based: two statements on PostgreSQL, four on SQLite. The history rows are written first and ARE
// the set (history-then-membership.ts): the joins are the "joined" rows this evaluation wrote, the
// leaves the "left" rows — so each side's predicate is evaluated once, and history and membership
// cannot disagree.
// Only members the rules put in (source "rule") ever leave by rule; manual and default members stay.
import type { SqlExecutor } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import { evaluationEvents, newEvaluationId, notInGroups, totalOf, writeHistoryThenMembership } from './history-then-membership';
import { memberScope, rulePredicate, type PredicateContext } from './rule-predicate';
import type { RuleGroup } from './load-shop-groups';

export interface MembershipChanges {
  joined: number;
  left: number;
}

export interface EvaluationContext extends PredicateContext {
  tx: SqlExecutor;
  /** why the evaluation ran (GroupMembershipEvent.detail): scheduled, order_paid, refund, credit, consent, tags … */
  trigger: string;
}

export async function applyRuleGroup(context: EvaluationContext, group: RuleGroup): Promise<MembershipChanges> {
  const { tx, shopId, now, trigger } = context;
  const evaluationId = newEvaluationId();
  const matches = rulePredicate(group.rules, context);
  const groupIds = sql`(${group.id})`;
  const readBack = (change: 'j' | 'l') => evaluationEvents(context, groupIds, evaluationId, change);
  const joined = await writeHistoryThenMembership(tx, {
    singleGroupId: group.id,
    history: sql`
      INSERT INTO "GroupMembershipEvent" ("id", "shopId", "groupId", "memberId", "change", "reason", "detail", "occurredAt")
      SELECT ${`${evaluationId}:j:`} || m."id", m."shopId", ${group.id}, m."id", 'joined', 'rule', ${trigger}, ${now}
      FROM "Member" m
      WHERE m."shopId" = ${shopId}${memberScope('m."id"', context)}
        AND ${notInGroups('m."id"', groupIds, context.memberIds)}
        AND ${matches}`,
    membership: (changed) => sql`
      INSERT INTO "GroupMember" ("groupId", "memberId", "shopId", "source", "joinedAt", "keepUntil")
      SELECT c."groupId", c."memberId", ${shopId}, 'rule', ${now}, NULL FROM (${changed}) c
      WHERE TRUE
      ON CONFLICT ("groupId", "memberId") DO NOTHING`,
    readBack: readBack('j'),
  });
  const left = await writeHistoryThenMembership(tx, {
    singleGroupId: group.id,
    history: sql`
      INSERT INTO "GroupMembershipEvent" ("id", "shopId", "groupId", "memberId", "change", "reason", "detail", "occurredAt")
      SELECT ${`${evaluationId}:l:`} || m."id", m."shopId", ${group.id}, m."id", 'left', 'rule', ${trigger}, ${now}
      FROM "GroupMember" gm JOIN "Member" m ON m."id" = gm."memberId"
      WHERE gm."groupId" = ${group.id} AND gm."source" = 'rule' AND m."shopId" = ${shopId}${memberScope('gm."memberId"', context)}
        AND NOT ${matches}`,
    membership: (changed) => sql`
      DELETE FROM "GroupMember" WHERE "groupId" = ${group.id} AND "source" = 'rule' AND "memberId" IN (SELECT c."memberId" FROM (${changed}) c)`,
    readBack: readBack('l'),
  });
  return { joined: totalOf(joined), left: totalOf(left) };
}
