// The rule tree of an automatic group (SPEC F8, seeds 000/001/004): conditions over what the app knows
// of a member, combined with AND/OR and nested at most MAX_RULE_DEPTH deep. Stored as JSON in
// CustomerGroup.rules; the evaluator turns a tree into one set-based SQL predicate per shop.
import { z } from 'zod';

export const MAX_RULE_DEPTH = 3;
export const MAX_CONDITIONS = 20;

export const comparisonSchema = z.enum(['gt', 'gte', 'lt', 'lte']);
export type Comparison = z.infer<typeof comparisonSchema>;

/** The period a spend, visit or points figure is counted over. */
export const ruleWindowSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lifetime') }),
  z.object({ type: z.literal('rolling_days'), days: z.number().int().min(1).max(3660) }),
  z.object({ type: z.literal('calendar_year') }),
]);
export type RuleWindow = z.infer<typeof ruleWindowSchema>;

const minorAmount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const points = z.number().int().min(-2_000_000_000).max(2_000_000_000);

export const groupConditionSchema = z.discriminatedUnion('kind', [
  // "VIP = more than €1000" (seed 000): paid spend in the window, minor units of the shop currency.
  z.object({ kind: z.literal('spend'), window: ruleWindowSchema, op: comparisonSchema, amountMinor: minorAmount }),
  z.object({ kind: z.literal('visits'), window: ruleWindowSchema, op: comparisonSchema, count: z.number().int().min(0).max(1_000_000) }),
  // "recent" = last visit within N days; "lapsed" = last visit longer ago than N days (seed 000: 30).
  z.object({ kind: z.literal('last_visit'), when: z.enum(['within_days', 'more_than_days_ago']), days: z.number().int().min(1).max(3660) }),
  // Birthday within the next N hours in the shop's time zone (seed 000: 12 h before).
  z.object({ kind: z.literal('birthday'), withinHours: z.number().int().min(1).max(24 * 31) }),
  z.object({ kind: z.literal('signup_anniversary'), withinHours: z.number().int().min(1).max(24 * 31) }),
  z.object({ kind: z.literal('visited_location'), locationId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('redeemed_reward'), rewardId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('consent'), consentTypeKey: z.string().min(1).max(100), granted: z.boolean() }),
  z.object({ kind: z.literal('shopify_tag'), tag: z.string().trim().min(1).max(255) }),
  z.object({ kind: z.literal('points_balance'), op: comparisonSchema, points }),
  z.object({ kind: z.literal('points_earned'), window: ruleWindowSchema, op: comparisonSchema, points }),
]);
export type GroupCondition = z.infer<typeof groupConditionSchema>;
export type GroupConditionKind = GroupCondition['kind'];

export interface GroupRuleTree {
  combinator: 'and' | 'or';
  conditions: Array<GroupCondition | GroupRuleTree>;
}

export const groupRuleTreeSchema: z.ZodType<GroupRuleTree> = z.lazy(() =>
  z.object({
    combinator: z.enum(['and', 'or']),
    conditions: z.array(z.union([groupConditionSchema, groupRuleTreeSchema])).min(1).max(MAX_CONDITIONS),
  }),
);

export function isRuleTree(node: GroupCondition | GroupRuleTree): node is GroupRuleTree {
  return 'combinator' in node;
}

function depthOf(tree: GroupRuleTree): number {
  return 1 + Math.max(0, ...tree.conditions.map((node) => (isRuleTree(node) ? depthOf(node) : 0)));
}

function countConditions(tree: GroupRuleTree): number {
  return tree.conditions.reduce((sum, node) => sum + (isRuleTree(node) ? countConditions(node) : 1), 0);
}

/** A rule tree as accepted from staff: valid shape, bounded depth and size. */
export const automaticGroupRulesSchema = groupRuleTreeSchema.superRefine((tree, ctx) => {
  if (depthOf(tree) > MAX_RULE_DEPTH) ctx.addIssue({ code: 'custom', message: `Rules can be nested at most ${MAX_RULE_DEPTH} levels deep.` });
  if (countConditions(tree) > MAX_CONDITIONS) ctx.addIssue({ code: 'custom', message: `A group can have at most ${MAX_CONDITIONS} conditions.` });
});
