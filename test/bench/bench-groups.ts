// Ten automatic groups covering every rule kind, and a three-tier ladder, as a salon would set them up:
// what the group benches evaluate.
import type { Prisma } from '../../web/core/db-client';
import type { GroupRuleTree } from '../../web/core/groups/group-rules';

const RULE_GROUPS: Array<[string, GroupRuleTree]> = [
  ['VIP', { combinator: 'and', conditions: [{ kind: 'spend', window: { type: 'lifetime' }, op: 'gt', amountMinor: 100_000 }] }],
  ['Big spenders this year', { combinator: 'and', conditions: [{ kind: 'spend', window: { type: 'rolling_days', days: 365 }, op: 'gte', amountMinor: 50_000 }] }],
  ['Regulars', { combinator: 'and', conditions: [{ kind: 'visits', window: { type: 'rolling_days', days: 90 }, op: 'gte', count: 1 }] }],
  ['Lapsed', { combinator: 'and', conditions: [{ kind: 'last_visit', when: 'more_than_days_ago', days: 30 }] }],
  ['Recent', { combinator: 'and', conditions: [{ kind: 'last_visit', when: 'within_days', days: 30 }] }],
  ['Birthday soon', { combinator: 'and', conditions: [{ kind: 'birthday', withinHours: 12 }] }],
  ['Anniversary', { combinator: 'and', conditions: [{ kind: 'signup_anniversary', withinHours: 24 }] }],
  ['Tagged VIP, marketing OK', { combinator: 'and', conditions: [{ kind: 'shopify_tag', tag: 'vip' }, { kind: 'consent', consentTypeKey: 'email_marketing', granted: false }] }],
  ['Points rich', { combinator: 'or', conditions: [{ kind: 'points_balance', op: 'gte', points: 1500 }, { kind: 'points_earned', window: { type: 'calendar_year' }, op: 'gte', points: 1000 }] }],
  ['Main street, lapsed big spenders', {
    combinator: 'and', conditions: [
      { kind: 'visited_location', locationId: 'gid://shopify/Location/1' },
      { combinator: 'or', conditions: [{ kind: 'last_visit', when: 'more_than_days_ago', days: 60 }, { kind: 'redeemed_reward', rewardId: 'reward-1' }] },
    ],
  }],
];

export async function createBenchGroups(prisma: Prisma, shopId: string, options: { tiers: boolean }): Promise<number> {
  const createdAt = new Date('2020-01-01T00:00:00Z');
  for (const [name, rules] of RULE_GROUPS) await prisma.customerGroup.create({ data: { shopId, name, kind: 'automatic', rules: JSON.stringify(rules), createdAt } });
  if (options.tiers) {
    for (const [rank, name, threshold] of [[1, 'Silver', 50_000], [2, 'Gold', 100_000], [3, 'Platinum', 300_000]] as const) {
      await prisma.customerGroup.create({ data: { shopId, name, kind: 'automatic', tierRank: rank, tierMetric: 'spend', tierThreshold: BigInt(threshold), tierPeriod: 'calendar_year', createdAt } });
    }
  }
  return RULE_GROUPS.length + (options.tiers ? 3 : 0);
}
