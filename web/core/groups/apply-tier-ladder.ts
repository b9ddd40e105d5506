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
import { joinSql, sql, sqlList, sqlText, type SqlQuery } from '../sql/sql-query';
import type { EvaluationContext, MembershipChanges } from './apply-rule-group';
import { evaluationEvents, newEvaluationId, notInGroups, totalOf, writeHistoryThenMembership } from './history-then-membership';
import type { TierGroup } from './load-shop-groups';
import { tierPeriodBounds, type Span, type TierPeriodBounds } from './rule-periods';
import { KEPT_SPEND, POINTS_EARNED, memberScope, paidOrders, postedEarnings, type PredicateContext } from './rule-predicate';

interface LadderStep {
  tier: TierGroup;
  bounds: TierPeriodBounds;
  /** index of the tier's measure (metric over its period) in the standing's columns */
  measure: number;
}

interface Measure {
  metric: TierGroup['metric'];
  bounds: TierPeriodBounds;
}

/** Ranks are integers we read from the database: literals, so both CASEs compare as numbers (parameters would be text). */
function rankLiteral(step: LadderStep): SqlQuery {
  return sqlText(String(Math.trunc(step.tier.rank)));
}

const column = (prefix: 'c' | 'p', measure: number) => sqlText(`"${prefix}${measure}"`);

/** The member's metric in the current / previous period reaches the tier's threshold. */
function reaches(step: LadderStep, span: 'c' | 'p', alias: string): SqlQuery {
  if (span === 'p' && !step.bounds.previous) return sql`1 = 0`;
  return sql`COALESCE(${sqlText(alias)}.${column(span, step.measure)}, 0) >= ${step.tier.threshold}`;
}

/**
 * Every member in scope with their metric per measure (current and previous period) and the tier they
 * are entitled to now — each aggregate computed once per statement (a hash join), not once per tier.
 */
function standing(context: PredicateContext, steps: LadderStep[], measures: Measure[]): SqlQuery {
  const joins: SqlQuery[] = [];
  const columns: SqlQuery[] = [];
  measures.forEach((measure, index) => {
    const total = measure.metric === 'spend' ? sql`x."memberId", ${KEPT_SPEND} AS "v"` : sql`x."memberId", ${POINTS_EARNED} AS "v"`;
    const rows = (span: Span) => (measure.metric === 'spend' ? paidOrders(context, span, total) : postedEarnings(context, span, total));
    joins.push(sql` LEFT JOIN (${rows(measure.bounds.current)} GROUP BY x."memberId") ${sqlText(`c${index}`)} ON ${sqlText(`c${index}`)}."memberId" = m."id"`);
    columns.push(sql`${sqlText(`c${index}`)}."v" AS ${column('c', index)}`);
    if (measure.bounds.previous) {
      joins.push(sql` LEFT JOIN (${rows(measure.bounds.previous)} GROUP BY x."memberId") ${sqlText(`p${index}`)} ON ${sqlText(`p${index}`)}."memberId" = m."id"`);
      columns.push(sql`${sqlText(`p${index}`)}."v" AS ${column('p', index)}`);
    } else {
      columns.push(sql`NULL AS ${column('p', index)}`);
    }
  });
  const qualifies = (step: LadderStep) => {
    const alias = `c${step.measure}`;
    const previous = `p${step.measure}`;
    return step.bounds.previous
      ? sql`(COALESCE(${sqlText(alias)}."v", 0) >= ${step.tier.threshold} OR COALESCE(${sqlText(previous)}."v", 0) >= ${step.tier.threshold})`
      : sql`COALESCE(${sqlText(alias)}."v", 0) >= ${step.tier.threshold}`;
  };
  const rank = sql`(CASE ${joinSql(steps.map((step) => sql`WHEN ${qualifies(step)} THEN ${rankLiteral(step)}`), ' ')} ELSE 0 END)`;
  const group = sql`(CASE ${joinSql(steps.map((step) => sql`WHEN ${qualifies(step)} THEN ${step.tier.id}`), ' ')} ELSE NULL END)`;
  return sql`SELECT m."id" AS "memberId", ${rank} AS "erank", ${group} AS "egroup", ${joinSql(columns)}
    FROM "Member" m${joinSql(joins, '')}
    WHERE m."shopId" = ${context.shopId}${memberScope('m."id"', context)}`;
}

function heldRank(steps: LadderStep[], column: string): SqlQuery {
  return sql`(CASE ${sqlText(column)} ${joinSql(steps.map((step) => sql`WHEN ${step.tier.id} THEN ${rankLiteral(step)}`), ' ')} ELSE 0 END)`;
}

/** `current`: the member's keepUntil so far (NULL for a member joining now). */
function keepUntil(context: PredicateContext, step: LadderStep, current: SqlQuery): SqlQuery {
  const { keepIfQualifiedNow, keepIfQualifiedBefore, currentEnds } = step.bounds;
  const before = keepIfQualifiedBefore ? sql` WHEN ${reaches(step, 'p', 's')} THEN ${keepIfQualifiedBefore}` : sql``;
  const notReached = currentEnds
    ? sql`WHEN ${current} IS NULL OR ${current} > ${currentEnds} THEN ${currentEnds}`
    : sql`WHEN ${current} IS NULL THEN ${context.now}`;
  return sql`WHEN ${step.tier.id} THEN (CASE WHEN ${reaches(step, 'c', 's')} THEN ${keepIfQualifiedNow}${before} ${notReached} ELSE ${current} END)`;
}

/** The keepUntil of a member of tier `groupColumn` with standing `s`, whose keepUntil so far is `current`. */
function keptUntil(context: PredicateContext, steps: LadderStep[], groupColumn: string, current: SqlQuery): SqlQuery {
  return sql`(CASE ${sqlText(groupColumn)} ${joinSql(steps.map((step) => keepUntil(context, step, current)), ' ')} ELSE ${current} END)`;
}

/** The ladder's steps (highest rank first) and the standing of the members in scope. */
export function ladderOf(context: PredicateContext, tiers: TierGroup[]): { steps: LadderStep[]; standings: SqlQuery; measures: number } {
  const { now } = context;
  const measures: Measure[] = [];
  const measureKeys: string[] = [];
  const steps: LadderStep[] = tiers.map((tier) => {
    const key = `${tier.metric}|${tier.period}`;
    if (!measureKeys.includes(key)) {
      measureKeys.push(key);
      measures.push({ metric: tier.metric, bounds: tierPeriodBounds(tier.period, now, context.zone) });
    }
    const measure = measureKeys.indexOf(key);
    return { tier, bounds: measures[measure]!.bounds, measure };
  });
  const standings = standing(context, steps, measures);
  return { steps, standings, measures: measures.length };
}

const STANDING_TABLE = '"group_tier_standing"';

/**
 * A whole shop's standing is written once to a temporary table (portable DDL) with its statistics, so
 * the three statements below join a table instead of re-aggregating — and are planned on real row counts.
 */
async function materialiseStanding(context: EvaluationContext, standings: SqlQuery, measures: number): Promise<SqlQuery> {
  const { tx } = context;
  const columns = Array.from({ length: measures }, (_, i) => `"c${i}" NUMERIC, "p${i}" NUMERIC`).join(', ');
  const names = Array.from({ length: measures }, (_, i) => `"c${i}", "p${i}"`).join(', ');
  await tx.execute(sql`DROP TABLE IF EXISTS ${sqlText(STANDING_TABLE)}`);
  await tx.execute(sql`CREATE TEMP TABLE ${sqlText(STANDING_TABLE)} ("memberId" TEXT PRIMARY KEY, "erank" INTEGER NOT NULL, "egroup" TEXT, ${sqlText(columns)})`);
  await tx.execute(sql`INSERT INTO ${sqlText(STANDING_TABLE)} ("memberId", "erank", "egroup", ${sqlText(names)}) ${standings}`);
  await tx.execute(sql`ANALYZE ${sqlText(STANDING_TABLE)}`);
  return sql`SELECT * FROM ${sqlText(STANDING_TABLE)}`;
}

export interface TierChanges extends MembershipChanges {
  /** joined minus left, per tier group */
  deltas: Map<string, number>;
}

/** `materialise`: for a whole shop (the scheduled run); a few members' standing stays a subquery. */
export async function applyTierLadder(context: EvaluationContext, tiers: TierGroup[], options: { allowDown: boolean; materialise?: boolean }): Promise<TierChanges> {
  const { tx, shopId, now, trigger } = context;
  const result: TierChanges = { joined: 0, left: 0, deltas: new Map() };
  if (tiers.length === 0) return result;
  const ladder = ladderOf(context, tiers);
  const { steps } = ladder;
  const standings = options.materialise ? await materialiseStanding(context, ladder.standings, ladder.measures) : ladder.standings;
  const tierIds = sqlList(tiers.map((tier) => tier.id));
  const evaluationId = newEvaluationId();
  const movesDown = options.allowDown ? sql` OR (x."erank" < x."crank" AND (x."keepUntil" IS NULL OR x."keepUntil" <= ${now}))` : sql``;

  const left = await writeHistoryThenMembership(tx, {
    history: sql`
      INSERT INTO "GroupMembershipEvent" ("id", "shopId", "groupId", "memberId", "change", "reason", "detail", "occurredAt")
      SELECT ${`${evaluationId}:l:`} || x."memberId", ${shopId}, x."groupId", x."memberId", 'left',
        CASE WHEN x."erank" > x."crank" THEN 'tier_up' ELSE 'tier_down' END, ${trigger}, ${now}
      FROM (
        SELECT gm."memberId", gm."groupId", gm."keepUntil", s."erank", ${heldRank(steps, 'gm."groupId"')} AS "crank"
        FROM "GroupMember" gm JOIN (${standings}) s ON s."memberId" = gm."memberId"
        WHERE gm."shopId" = ${shopId} AND gm."groupId" IN ${tierIds} AND gm."source" = 'tier'${memberScope('gm."memberId"', context)}
      ) x
      WHERE x."erank" > x."crank"${movesDown}`,
    membership: (changed) => sql`
      DELETE FROM "GroupMember" WHERE "shopId" = ${shopId} AND "groupId" IN ${tierIds} AND "source" = 'tier'
        AND "memberId" IN (SELECT c."memberId" FROM (${changed}) c)`,
    readBack: evaluationEvents(context, tierIds, evaluationId, 'l'),
  });

  const joined = await writeHistoryThenMembership(tx, {
    history: sql`
      INSERT INTO "GroupMembershipEvent" ("id", "shopId", "groupId", "memberId", "change", "reason", "detail", "occurredAt")
      SELECT ${`${evaluationId}:j:`} || s."memberId", ${shopId}, s."egroup", s."memberId", 'joined',
        CASE WHEN EXISTS (SELECT 1 FROM "GroupMembershipEvent" e WHERE e."id" = ${`${evaluationId}:l:`} || s."memberId" AND e."reason" = 'tier_down') THEN 'tier_down' ELSE 'tier_up' END,
        ${trigger}, ${now}
      FROM (${standings}) s
      WHERE s."egroup" IS NOT NULL
        AND ${notInGroups('s."memberId"', tierIds, context.memberIds)}`,
    // Joiners get their keepUntil with the row (not by the UPDATE below: a first run would write each
    // twice); "none so far" is a NULL of the column's type, which PostgreSQL needs to type the CASE.
    membership: (changed) => sql`
      INSERT INTO "GroupMember" ("groupId", "memberId", "shopId", "source", "joinedAt", "keepUntil")
      SELECT c."groupId", c."memberId", ${shopId}, 'tier', ${now}, ${keptUntil(context, steps, 'c."groupId"', sql`(CASE WHEN 1 = 0 THEN c."occurredAt" END)`)}
      FROM (${changed}) c JOIN (${standings}) s ON s."memberId" = c."memberId"
      WHERE TRUE
      ON CONFLICT ("groupId", "memberId") DO NOTHING`,
    readBack: evaluationEvents(context, tierIds, evaluationId, 'j'),
  });
  result.left = totalOf(left);
  result.joined = totalOf(joined);
  for (const [groupId, n] of joined) result.deltas.set(groupId, (result.deltas.get(groupId) ?? 0) + n);
  for (const [groupId, n] of left) result.deltas.set(groupId, (result.deltas.get(groupId) ?? 0) - n);

  // Only rows whose keepUntil moves are written: rewriting every tier member's row each run cost a
  // scheduled run of a million members seconds of writes that changed nothing.
  const kept = keptUntil(context, steps, '"GroupMember"."groupId"', sql`"GroupMember"."keepUntil"`);
  await tx.execute(sql`
    UPDATE "GroupMember" SET "keepUntil" = ${kept}
    FROM (${standings}) s
    WHERE s."memberId" = "GroupMember"."memberId" AND "GroupMember"."shopId" = ${shopId} AND "GroupMember"."groupId" IN ${tierIds} AND "GroupMember"."source" = 'tier'
      AND NOT (COALESCE("GroupMember"."keepUntil" = ${kept}, FALSE) OR ("GroupMember"."keepUntil" IS NULL AND ${kept} IS NULL))`);

  if (options.materialise) await tx.execute(sql`DROP TABLE IF EXISTS ${sqlText(STANDING_TABLE)}`);
  return result;
}
