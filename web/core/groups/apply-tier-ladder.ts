// Keeps a shop's tier ladder current, set-based, for the whole shop or some members:
// - a member's tier is the highest one whose threshold their metric (spend kept, or points earned)
//   reaches in the tier's current period — or reached in the previous one (calendar years), since a
//   tier is kept until the end of the next period;
// - moving UP happens at every evaluation (event-driven too); moving DOWN only when `allowDown` (the
//   scheduled re-evaluation) and the member's keepUntil has passed;
// - keepUntil: reached this period -> end of the next period; reached only last period -> end of this
//   one; no longer reached (a refund) -> at most the end of this period, so nobody drops mid-period.
// One tier at a time by construction: leavers are deleted before anyone joins, and a join requires the
// member to hold no tier row at all (whatever its source: a tier staff set by hand pins the member).
import { randomUUID } from 'node:crypto';
import { joinSql, sql, sqlList, sqlText, type SqlQuery } from '../sql/sql-query';
import type { EvaluationContext, MembershipChanges } from './apply-rule-group';
import type { TierGroup } from './load-shop-groups';
import { tierPeriodBounds, type TierPeriodBounds } from './rule-periods';
import { KEPT_SPEND, POINTS_EARNED, aggregateCompares, memberScope, paidOrders, postedEarnings, type PredicateContext } from './rule-predicate';

interface LadderStep {
  tier: TierGroup;
  bounds: TierPeriodBounds;
}

function reached(context: PredicateContext, step: LadderStep, span: 'current' | 'previous', member: string): SqlQuery {
  const period = span === 'current' ? step.bounds.current : step.bounds.previous;
  if (!period) return sql`1 = 0`;
  const rows = step.tier.metric === 'spend' ? paidOrders(context, period) : postedEarnings(context, period);
  return aggregateCompares(rows, step.tier.metric === 'spend' ? KEPT_SPEND : POINTS_EARNED, 'gte', step.tier.threshold, member);
}

function qualifies(context: PredicateContext, step: LadderStep, member: string): SqlQuery {
  return step.bounds.previous
    ? sql`(${reached(context, step, 'current', member)} OR ${reached(context, step, 'previous', member)})`
    : reached(context, step, 'current', member);
}

/** The rank (or group id) of the tier the member is entitled to now; 0 (or NULL) for none. */
function entitled(context: PredicateContext, steps: LadderStep[], what: 'rank' | 'group', member: string): SqlQuery {
  const branches = steps.map((step) => sql`WHEN ${qualifies(context, step, member)} THEN ${what === 'rank' ? rankLiteral(step) : sql`${step.tier.id}`}`);
  return sql`(CASE ${joinSql(branches, ' ')} ELSE ${what === 'rank' ? sqlText('0') : sql`NULL`} END)`;
}

/** Ranks are integers we read from the database: literals, so both CASEs compare as numbers (parameters would be text). */
function rankLiteral(step: LadderStep): SqlQuery {
  return sqlText(String(Math.trunc(step.tier.rank)));
}

function heldRank(steps: LadderStep[], column: string): SqlQuery {
  return sql`(CASE ${sqlText(column)} ${joinSql(steps.map((step) => sql`WHEN ${step.tier.id} THEN ${rankLiteral(step)}`), ' ')} ELSE 0 END)`;
}

function keepUntil(context: PredicateContext, step: LadderStep): SqlQuery {
  const member = '"GroupMember"."memberId"';
  const { keepIfQualifiedNow, keepIfQualifiedBefore, currentEnds } = step.bounds;
  const before = keepIfQualifiedBefore ? sql` WHEN ${reached(context, step, 'previous', member)} THEN ${keepIfQualifiedBefore}` : sql``;
  const notReached = currentEnds
    ? sql`WHEN "keepUntil" IS NULL OR "keepUntil" > ${currentEnds} THEN ${currentEnds}`
    : sql`WHEN "keepUntil" IS NULL THEN ${context.now}`;
  return sql`WHEN ${step.tier.id} THEN (CASE WHEN ${reached(context, step, 'current', member)} THEN ${keepIfQualifiedNow}${before} ${notReached} ELSE "keepUntil" END)`;
}

export interface TierChanges extends MembershipChanges {
  /** joined minus left, per tier group */
  deltas: Map<string, number>;
}

export async function applyTierLadder(context: EvaluationContext, tiers: TierGroup[], options: { allowDown: boolean }): Promise<TierChanges> {
  const { tx, shopId, now, trigger } = context;
  const result: TierChanges = { joined: 0, left: 0, deltas: new Map() };
  if (tiers.length === 0) return result;
  const steps = tiers.map((tier) => ({ tier, bounds: tierPeriodBounds(tier.period, now, context.zone) }));
  const tierIds = sqlList(tiers.map((tier) => tier.id));
  const evaluationId = randomUUID();
  const movesDown = options.allowDown ? sql` OR (x."erank" < x."crank" AND (x."keepUntil" IS NULL OR x."keepUntil" <= ${now}))` : sql``;

  result.left = await tx.execute(sql`
    INSERT INTO "GroupMembershipEvent" ("id", "shopId", "groupId", "memberId", "change", "reason", "detail", "occurredAt")
    SELECT ${`${evaluationId}:l:`} || x."memberId", ${shopId}, x."groupId", x."memberId", 'left',
      CASE WHEN x."erank" > x."crank" THEN 'tier_up' ELSE 'tier_down' END, ${trigger}, ${now}
    FROM (
      SELECT gm."memberId", gm."groupId", gm."keepUntil", ${entitled(context, steps, 'rank', 'm."id"')} AS "erank", ${heldRank(steps, 'gm."groupId"')} AS "crank"
      FROM "GroupMember" gm JOIN "Member" m ON m."id" = gm."memberId"
      WHERE gm."shopId" = ${shopId} AND gm."groupId" IN ${tierIds} AND gm."source" = 'tier'${memberScope('gm."memberId"', context)}
    ) x
    WHERE x."erank" > x."crank"${movesDown}`);
  if (result.left > 0) {
    await tx.execute(sql`
      DELETE FROM "GroupMember" WHERE "shopId" = ${shopId} AND "groupId" IN ${tierIds} AND "source" = 'tier'
        AND "memberId" IN (SELECT e."memberId" FROM "GroupMembershipEvent" e
          WHERE e."shopId" = ${shopId} AND e."groupId" IN ${tierIds} AND e."occurredAt" = ${now} AND e."id" LIKE ${`${evaluationId}:l:%`})`);
  }

  result.joined = await tx.execute(sql`
    INSERT INTO "GroupMembershipEvent" ("id", "shopId", "groupId", "memberId", "change", "reason", "detail", "occurredAt")
    SELECT ${`${evaluationId}:j:`} || x."id", ${shopId}, x."groupId", x."id", 'joined',
      CASE WHEN EXISTS (SELECT 1 FROM "GroupMembershipEvent" e WHERE e."id" = ${`${evaluationId}:l:`} || x."id" AND e."reason" = 'tier_down') THEN 'tier_down' ELSE 'tier_up' END,
      ${trigger}, ${now}
    FROM (
      SELECT m."id", ${entitled(context, steps, 'group', 'm."id"')} AS "groupId"
      FROM "Member" m
      WHERE m."shopId" = ${shopId}${memberScope('m."id"', context)}
        AND NOT EXISTS (SELECT 1 FROM "GroupMember" gm WHERE gm."memberId" = m."id" AND gm."groupId" IN ${tierIds})
    ) x
    WHERE x."groupId" IS NOT NULL`);
  if (result.joined > 0) {
    await tx.execute(sql`
      INSERT INTO "GroupMember" ("groupId", "memberId", "shopId", "source", "joinedAt", "keepUntil")
      SELECT e."groupId", e."memberId", ${shopId}, 'tier', ${now}, NULL FROM "GroupMembershipEvent" e
      WHERE e."shopId" = ${shopId} AND e."groupId" IN ${tierIds} AND e."occurredAt" = ${now} AND e."id" LIKE ${`${evaluationId}:j:%`}
      ON CONFLICT ("groupId", "memberId") DO NOTHING`);
  }

  await tx.execute(sql`
    UPDATE "GroupMember" SET "keepUntil" = (CASE "groupId" ${joinSql(steps.map((step) => keepUntil(context, step)), ' ')} ELSE "keepUntil" END)
    WHERE "shopId" = ${shopId} AND "groupId" IN ${tierIds} AND "source" = 'tier'${memberScope('"GroupMember"."memberId"', context)}`);

  if (result.joined + result.left > 0) {
    const counts = await tx.query<{ groupId: string; change: string; n: number | bigint }>(sql`
      SELECT e."groupId", e."change", COUNT(*) AS "n" FROM "GroupMembershipEvent" e
      WHERE e."shopId" = ${shopId} AND e."groupId" IN ${tierIds} AND e."occurredAt" = ${now} AND e."id" LIKE ${`${evaluationId}:%`}
      GROUP BY e."groupId", e."change"`);
    for (const row of counts) {
      const delta = (row.change === 'joined' ? 1 : -1) * Number(row.n);
      result.deltas.set(row.groupId, (result.deltas.get(row.groupId) ?? 0) + delta);
    }
  }
  return result;
}
