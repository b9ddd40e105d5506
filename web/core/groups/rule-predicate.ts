// Turns a group's rule tree into ONE SQL predicate over the member row `m` (a "Member" aliased m), for
// all of a shop's members at once. Facts kept on the member (lifetime spend, last visit, birthday,
// tags, balance) are compared in place; facts in other tables (orders, ledger, redemptions, consents)
// become `m."id" IN (SELECT "memberId" … GROUP BY … HAVING …)` sets, which both databases evaluate once
// per statement (a hashed semi-join), never per member. Windows, birthdays and anniversaries are
// computed in the shop's time zone beforehand (rule-periods.ts), so the SQL is the same on SQLite and
// PostgreSQL. See README.md for what each fact means (a visit, spend, points earned).
import { caseVariants, likePattern } from '../sql/contains-text';
import { joinSql, sql, sqlList, sqlText, type SqlQuery } from '../sql/sql-query';
import { isRuleTree, type Comparison, type GroupCondition, type GroupRuleTree } from './group-rules';
import { anniversarySpans, birthdayMonthDays, daysAgo, ruleWindowSpan, type Span } from './rule-periods';

export interface PredicateContext {
  shopId: string;
  now: Date;
  /** the shop's IANA time zone */
  zone: string;
  /** the shop's earliest member signup (anniversary rules only) */
  earliestSignup: Date | null;
  /** restrict every sub-select to these members (event-driven refreshes); null = the whole shop */
  memberIds: readonly string[] | null;
}

const OPERATORS: Record<Comparison, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

function compare(left: number, op: Comparison, right: number): boolean {
  if (op === 'gt') return left > right;
  if (op === 'gte') return left >= right;
  if (op === 'lt') return left < right;
  return left <= right;
}

function comparison(expression: SqlQuery, op: Comparison, value: number): SqlQuery {
  return sql`${expression} ${sqlText(OPERATORS[op])} ${value}`;
}

/** `AND <column> IN (…)` when the evaluation is limited to some members. */
export function memberScope(column: string, context: Pick<PredicateContext, 'memberIds'>): SqlQuery {
  if (!context.memberIds) return sql``;
  return sql` AND ${sqlText(column)} IN ${sqlList(context.memberIds.length > 0 ? [...context.memberIds] : [''])}`;
}

function spanBounds(column: string, span: Span): SqlQuery {
  const parts: SqlQuery[] = [];
  if (span.from) parts.push(sql` AND ${sqlText(column)} >= ${span.from}`);
  if (span.to) parts.push(sql` AND ${sqlText(column)} < ${span.to}`);
  return joinSql(parts, '');
}

/**
 * "the member's aggregate over rows of a table compares to a value". Members without any row have an
 * aggregate of 0: when 0 satisfies the comparison, the predicate is "not among the members whose
 * aggregate fails it", so they are included.
 */
export function aggregateCompares(rows: SqlQuery, aggregate: SqlQuery, op: Comparison, value: number, member = 'm."id"'): SqlQuery {
  if (compare(0, op, value)) {
    return sql`${sqlText(member)} NOT IN (${rows} GROUP BY x."memberId" HAVING NOT (${comparison(aggregate, op, value)}))`;
  }
  return sql`${sqlText(member)} IN (${rows} GROUP BY x."memberId" HAVING ${comparison(aggregate, op, value)})`;
}

/** A visit (and spend) is a paid order that is not cancelled, dated by when the customer ordered (processedAt). */
export function paidOrders(context: PredicateContext, span: Span, columns: SqlQuery = sql`x."memberId"`): SqlQuery {
  return sql`SELECT ${columns} FROM "OrderRecord" x
    WHERE x."shopId" = ${context.shopId} AND x."memberId" IS NOT NULL AND x."paidAt" IS NOT NULL AND x."cancelledAt" IS NULL${spanBounds('x."processedAt"', span)}${memberScope('x."memberId"', context)}`;
}

/** Spend kept: the eligible amount minus what was refunded. */
export const KEPT_SPEND = sql`SUM(x."eligibleMinor" - x."refundedMinor")`;

export function postedEarnings(context: PredicateContext, span: Span, columns: SqlQuery = sql`x."memberId"`): SqlQuery {
  return sql`SELECT ${columns} FROM "LedgerEntry" x
    WHERE x."shopId" = ${context.shopId} AND x."type" = 'earn' AND x."status" = 'posted'${spanBounds('x."createdAt"', span)}${memberScope('x."memberId"', context)}`;
}

export const POINTS_EARNED = sql`SUM(x."points")`;

const NEVER = sql`1 = 0`;

function conditionPredicate(condition: GroupCondition, context: PredicateContext): SqlQuery {
  const { shopId, now, zone } = context;
  switch (condition.kind) {
    case 'spend':
      if (condition.window.type === 'lifetime') return comparison(sql`m."lifetimeSpendMinor"`, condition.op, condition.amountMinor);
      return aggregateCompares(paidOrders(context, ruleWindowSpan(condition.window, now, zone)), KEPT_SPEND, condition.op, condition.amountMinor);
    case 'visits':
      return aggregateCompares(paidOrders(context, ruleWindowSpan(condition.window, now, zone)), sql`COUNT(*)`, condition.op, condition.count);
    case 'points_earned':
      return aggregateCompares(postedEarnings(context, ruleWindowSpan(condition.window, now, zone)), POINTS_EARNED, condition.op, condition.points);
    case 'points_balance':
      return comparison(sql`m."balance"`, condition.op, condition.points);
    case 'last_visit': {
      const cutoff = daysAgo(now, zone, condition.days);
      // Members who never visited are neither recent nor lapsed.
      return condition.when === 'within_days'
        ? sql`(m."lastVisitAt" IS NOT NULL AND m."lastVisitAt" >= ${cutoff})`
        : sql`(m."lastVisitAt" IS NOT NULL AND m."lastVisitAt" < ${cutoff})`;
    }
    case 'birthday':
      return sql`(m."birthMonth" IS NOT NULL AND m."birthDay" IS NOT NULL AND (m."birthMonth" * 100 + m."birthDay") IN ${sqlList(birthdayMonthDays(now, zone, condition.withinHours))})`;
    case 'signup_anniversary': {
      const spans = anniversarySpans(now, zone, condition.withinHours, context.earliestSignup);
      if (spans.length === 0) return NEVER;
      return sql`(${joinSql(spans.map((span) => sql`(m."createdAt" >= ${span.from} AND m."createdAt" < ${span.to})`), ' OR ')})`;
    }
    case 'visited_location':
      return sql`(m."id" IN (${paidOrders(context, { from: null, to: null })} AND x."locationId" = ${condition.locationId})
        OR m."id" IN (SELECT x."memberId" FROM "LedgerEntry" x WHERE x."shopId" = ${shopId} AND x."locationId" = ${condition.locationId}${memberScope('x."memberId"', context)}))`;
    case 'redeemed_reward':
      return sql`m."id" IN (SELECT x."memberId" FROM "Redemption" x
        WHERE x."shopId" = ${shopId} AND x."rewardId" = ${condition.rewardId} AND x."status" = 'issued'${memberScope('x."memberId"', context)})`;
    case 'consent': {
      const granted = sql`SELECT x."memberId" FROM "MemberConsent" x JOIN "ConsentType" t ON t."id" = x."consentTypeId"
        WHERE x."shopId" = ${shopId} AND t."shopId" = ${shopId} AND t."key" = ${condition.consentTypeKey} AND x."granted" = TRUE${memberScope('x."memberId"', context)}`;
      return condition.granted ? sql`m."id" IN (${granted})` : sql`m."id" NOT IN (${granted})`;
    }
    case 'shopify_tag': {
      // Shopify sends "a, b"; ",a,b," matched against ",tag," finds exactly that tag. Case-insensitive:
      // LOWER folds every script on PostgreSQL; on SQLite (ASCII only) the spelled variants cover the rest.
      const tags = sql`LOWER(',' || REPLACE(REPLACE(m."shopifyTags", ', ', ','), ' ,', ',') || ',')`;
      const variants = [...new Set([condition.tag.toLocaleLowerCase(), ...caseVariants(condition.tag)])];
      return sql`(${joinSql(variants.map((variant) => sql`${tags} LIKE ${`%,${likePattern(variant).slice(1, -1)},%`} ESCAPE '\\'`), ' OR ')})`;
    }
  }
}

export function rulePredicate(tree: GroupRuleTree, context: PredicateContext): SqlQuery {
  const parts = tree.conditions.map((node) => (isRuleTree(node) ? rulePredicate(node, context) : conditionPredicate(node, context)));
  return sql`(${joinSql(parts, tree.combinator === 'and' ? ' AND ' : ' OR ')})`;
}

export function usesAnniversary(tree: GroupRuleTree): boolean {
  return tree.conditions.some((node) => (isRuleTree(node) ? usesAnniversary(node) : node.kind === 'signup_anniversary'));
}
