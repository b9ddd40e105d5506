// Automatic groups follow their rules: each condition kind, AND/OR nesting, the seed examples (VIP above
// €1000, lapsed after 30 days, birthday 12 h before in the shop's time zone, across DST), and another
// shop's members are never matched.
import { countMatchingMembers, sampleMatchingMembers } from '../../../web/core/groups/count-matching-members';
import type { GroupCondition, GroupRuleTree } from '../../../web/core/groups/group-rules';
import { reevaluateGroups } from '../../../web/core/groups/reevaluate-groups';
import { createShop } from '../../fixtures/factories';
import { createGroupMember, createPaidOrder, createRuleGroup, groupMemberIds } from '../../fixtures/group-facts';
import { describeEachDatabase } from '../../support/test-database';

const all = (...conditions: GroupRuleTree['conditions']): GroupRuleTree => ({ combinator: 'and', conditions });
const any = (...conditions: GroupRuleTree['conditions']): GroupRuleTree => ({ combinator: 'or', conditions });
const DAY = 86_400_000;

describeEachDatabase('automatic group rules', (getDb) => {
  const now = new Date('2026-06-15T10:00:00Z');

  /** Members the rule tree matches, by evaluation (group membership) and by the live count: both must agree. */
  async function matched(shopId: string, rules: GroupRuleTree, at = now): Promise<string[]> {
    const db = getDb();
    const group = await createRuleGroup(db.prisma, shopId, `g-${Math.random()}`, rules);
    await reevaluateGroups(db, { shopId, now: at });
    const members = await groupMemberIds(db.prisma, group.id);
    expect(await countMatchingMembers(db, shopId, rules, at)).toBe(members.length);
    await db.prisma.customerGroup.update({ where: { id: group.id }, data: { enabled: false } });
    return members;
  }

  it('VIP above €1000: 999.99 is not in, 1000.01 is (lifetime and in a rolling year)', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const below = await createGroupMember(db.prisma, shop.id, { lifetimeSpendMinor: 99_999 });
    const above = await createGroupMember(db.prisma, shop.id, { lifetimeSpendMinor: 100_001 });
    expect(await matched(shop.id, all({ kind: 'spend', window: { type: 'lifetime' }, op: 'gt', amountMinor: 100_000 }))).toEqual([above.id]);
    await createPaidOrder(db.prisma, shop.id, below.id, { eligibleMinor: 99_999, processedAt: new Date(now.getTime() - 10 * DAY) });
    await createPaidOrder(db.prisma, shop.id, above.id, { eligibleMinor: 60_000, processedAt: new Date(now.getTime() - 10 * DAY) });
    await createPaidOrder(db.prisma, shop.id, above.id, { eligibleMinor: 40_001, processedAt: new Date(now.getTime() - 300 * DAY) });
    // Outside the window, cancelled and refunded spend does not count.
    await createPaidOrder(db.prisma, shop.id, below.id, { eligibleMinor: 50_000, processedAt: new Date(now.getTime() - 400 * DAY) });
    await createPaidOrder(db.prisma, shop.id, below.id, { eligibleMinor: 50_000, processedAt: new Date(now.getTime() - DAY), cancelledAt: now });
    await createPaidOrder(db.prisma, shop.id, below.id, { eligibleMinor: 50_000, processedAt: new Date(now.getTime() - DAY), refundedMinor: 50_000 });
    expect(await matched(shop.id, all({ kind: 'spend', window: { type: 'rolling_days', days: 365 }, op: 'gt', amountMinor: 100_000 }))).toEqual([above.id]);
    // "less than" includes members who never bought.
    const none = await createGroupMember(db.prisma, shop.id);
    expect(await matched(shop.id, all({ kind: 'spend', window: { type: 'calendar_year' }, op: 'lt', amountMinor: 70_000 }))).toEqual([above.id, none.id].sort());
  });

  it('lapsed after 30 days, recent within 30 days; members who never visited are neither', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const lapsed = await createGroupMember(db.prisma, shop.id, { lastVisitAt: new Date(now.getTime() - 31 * DAY) });
    const recent = await createGroupMember(db.prisma, shop.id, { lastVisitAt: new Date(now.getTime() - 29 * DAY) });
    await createGroupMember(db.prisma, shop.id);
    expect(await matched(shop.id, all({ kind: 'last_visit', when: 'more_than_days_ago', days: 30 }))).toEqual([lapsed.id]);
    expect(await matched(shop.id, all({ kind: 'last_visit', when: 'within_days', days: 30 }))).toEqual([recent.id]);
  });

  it('a member becomes lapsed by time alone: the scheduled run moves them, with history', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createGroupMember(db.prisma, shop.id, { lastVisitAt: new Date(now.getTime() - 29 * DAY) });
    const group = await createRuleGroup(db.prisma, shop.id, 'Lapsed', all({ kind: 'last_visit', when: 'more_than_days_ago', days: 30 }));
    await reevaluateGroups(db, { shopId: shop.id, now });
    expect(await groupMemberIds(db.prisma, group.id)).toEqual([]);
    await reevaluateGroups(db, { shopId: shop.id, now: new Date(now.getTime() + 2 * DAY) });
    expect(await groupMemberIds(db.prisma, group.id)).toEqual([member.id]);
    const stored = await db.prisma.customerGroup.findUniqueOrThrow({ where: { id: group.id } });
    expect(stored.memberCount).toBe(1);
    expect(stored.evaluatedAt).toEqual(new Date(now.getTime() + 2 * DAY));
    const history = await db.prisma.groupMembershipEvent.findMany({ where: { groupId: group.id } });
    expect(history.map((e) => [e.memberId, e.change, e.reason, e.detail])).toEqual([[member.id, 'joined', 'rule', 'scheduled']]);
    // A visit takes them out again.
    await db.prisma.member.update({ where: { id: member.id }, data: { lastVisitAt: new Date(now.getTime() + 2 * DAY) } });
    await reevaluateGroups(db, { shopId: shop.id, now: new Date(now.getTime() + 3 * DAY) });
    expect(await groupMemberIds(db.prisma, group.id)).toEqual([]);
    expect(await db.prisma.groupMembershipEvent.count({ where: { groupId: group.id, change: 'left', reason: 'rule' } })).toBe(1);
    expect((await db.prisma.customerGroup.findUniqueOrThrow({ where: { id: group.id } })).memberCount).toBe(0);
  });

  it('birthday 12 h before, in the shop time zone (Amsterdam, not UTC)', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'Europe/Amsterdam' });
    const birthday = await createGroupMember(db.prisma, shop.id, { birthMonth: 7, birthDay: 1 });
    await createGroupMember(db.prisma, shop.id, { birthMonth: 7, birthDay: 2 });
    const rules = all({ kind: 'birthday', withinHours: 12 });
    // 1 July starts at 30 June 22:00 UTC in Amsterdam (CEST): 12 h before is 10:00 UTC.
    expect(await matched(shop.id, rules, new Date('2026-06-30T09:59:00Z'))).toEqual([]);
    expect(await matched(shop.id, rules, new Date('2026-06-30T10:01:00Z'))).toEqual([birthday.id]);
    // Still in during the birthday (local), out once it is over.
    expect(await matched(shop.id, rules, new Date('2026-07-01T21:30:00Z'))).toContain(birthday.id);
    expect(await matched(shop.id, rules, new Date('2026-07-01T22:30:00Z'))).not.toContain(birthday.id);
  });

  it('birthday lead time across the spring DST change (a 23-hour day)', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'Europe/Amsterdam' });
    const member = await createGroupMember(db.prisma, shop.id, { birthMonth: 3, birthDay: 30 });
    // 29 March 2026 00:30 CET (23:30 UTC on the 28th); that day has 23 hours, so 30 March begins 22:00 UTC.
    const start = new Date('2026-03-28T23:30:00Z');
    expect(await matched(shop.id, all({ kind: 'birthday', withinHours: 22 }), start)).toEqual([]);
    expect(await matched(shop.id, all({ kind: 'birthday', withinHours: 23 }), start)).toEqual([member.id]);
  });

  it('signup anniversary within the next day, in the shop time zone', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'America/New_York' });
    // Signed up 15 June 2024 23:30 New York time = 16 June 03:30 UTC.
    const member = await createGroupMember(db.prisma, shop.id, { createdAt: new Date('2024-06-16T03:30:00Z') });
    await createGroupMember(db.prisma, shop.id, { createdAt: new Date('2024-06-20T12:00:00Z') });
    await createGroupMember(db.prisma, shop.id, { createdAt: new Date('2026-06-15T03:00:00Z') });
    // 15 June 2026 06:00 New York: the anniversary (15 June local) is today.
    expect(await matched(shop.id, all({ kind: 'signup_anniversary', withinHours: 12 }), new Date('2026-06-15T10:00:00Z'))).toEqual([member.id]);
  });

  it('each fact: visits, location, reward, consent, tag, balance, points earned', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const a = await createGroupMember(db.prisma, shop.id, { shopifyTags: 'Wholesale, VIP Gold', balance: 500 });
    const b = await createGroupMember(db.prisma, shop.id, { shopifyTags: 'vip', balance: 499 });
    const c = await createGroupMember(db.prisma, shop.id, { shopifyTags: 'Łódź, VIP', balance: -5 });
    for (let i = 0; i < 3; i += 1) await createPaidOrder(db.prisma, shop.id, a.id, { eligibleMinor: 100, processedAt: new Date(now.getTime() - (i + 1) * DAY), locationId: 'gid://shopify/Location/1' });
    await createPaidOrder(db.prisma, shop.id, b.id, { eligibleMinor: 100, processedAt: new Date(now.getTime() - DAY), locationId: 'gid://shopify/Location/2' });
    await db.prisma.ledgerEntry.create({ data: { shopId: shop.id, memberId: c.id, type: 'adjust', status: 'posted', points: 10, description: 'at the desk', sourceType: 'staff', sourceId: 's', idempotencyKey: 'k1', locationId: 'gid://shopify/Location/1' } });
    await db.prisma.ledgerEntry.create({ data: { shopId: shop.id, memberId: b.id, type: 'earn', status: 'posted', points: 300, description: 'o', sourceType: 'order', sourceId: 'o', idempotencyKey: 'k2', createdAt: new Date(now.getTime() - DAY) } });
    await db.prisma.ledgerEntry.create({ data: { shopId: shop.id, memberId: a.id, type: 'earn', status: 'pending', points: 900, description: 'o', sourceType: 'order', sourceId: 'o', idempotencyKey: 'k3', createdAt: new Date(now.getTime() - DAY) } });
    await db.prisma.redemption.create({ data: { shopId: shop.id, memberId: b.id, rewardId: 'reward-1', rewardType: 'gift_card', points: 100, valueMinor: 500n, currency: 'EUR', status: 'issued', idempotencyKey: 'r1', ledgerEntryId: 'x' } });
    await db.prisma.redemption.create({ data: { shopId: shop.id, memberId: c.id, rewardId: 'reward-1', rewardType: 'gift_card', points: 100, valueMinor: 500n, currency: 'EUR', status: 'failed', idempotencyKey: 'r2', ledgerEntryId: 'y' } });
    const consentType = await db.prisma.consentType.create({ data: { shopId: shop.id, key: 'marketing_email', name: 'Email' } });
    await db.prisma.memberConsent.create({ data: { shopId: shop.id, memberId: a.id, consentTypeId: consentType.id, granted: true, source: 'customer', occurredAt: now, eventId: 'e1' } });
    await db.prisma.memberConsent.create({ data: { shopId: shop.id, memberId: b.id, consentTypeId: consentType.id, granted: false, source: 'customer', occurredAt: now, eventId: 'e2' } });
    const one = (condition: GroupCondition) => matched(shop.id, all(condition));
    expect(await one({ kind: 'visits', window: { type: 'rolling_days', days: 30 }, op: 'gte', count: 3 })).toEqual([a.id]);
    expect(await one({ kind: 'visits', window: { type: 'lifetime' }, op: 'lt', count: 1 })).toEqual([c.id]);
    expect(await one({ kind: 'visited_location', locationId: 'gid://shopify/Location/1' })).toEqual([a.id, c.id].sort());
    expect(await one({ kind: 'redeemed_reward', rewardId: 'reward-1' })).toEqual([b.id]);
    expect(await one({ kind: 'consent', consentTypeKey: 'marketing_email', granted: true })).toEqual([a.id]);
    expect(await one({ kind: 'consent', consentTypeKey: 'marketing_email', granted: false })).toEqual([b.id, c.id].sort());
    expect(await one({ kind: 'shopify_tag', tag: 'VIP' })).toEqual([b.id, c.id].sort());
    expect(await one({ kind: 'shopify_tag', tag: 'vip gold' })).toEqual([a.id]);
    expect(await one({ kind: 'shopify_tag', tag: 'łódź' })).toEqual([c.id]);
    expect(await one({ kind: 'points_balance', op: 'gte', points: 500 })).toEqual([a.id]);
    expect(await one({ kind: 'points_earned', window: { type: 'calendar_year' }, op: 'gte', points: 300 })).toEqual([b.id]);
  });

  it('AND/OR nesting', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const rich = await createGroupMember(db.prisma, shop.id, { lifetimeSpendMinor: 200_000, lastVisitAt: new Date(now.getTime() - 60 * DAY) });
    const tagged = await createGroupMember(db.prisma, shop.id, { shopifyTags: 'friend', balance: 10, lastVisitAt: new Date(now.getTime() - DAY) });
    await createGroupMember(db.prisma, shop.id, { shopifyTags: 'friend', balance: 0, lastVisitAt: new Date(now.getTime() - DAY) });
    await createGroupMember(db.prisma, shop.id, { lifetimeSpendMinor: 200_000, lastVisitAt: new Date(now.getTime() - DAY) });
    // (spend > 1000 AND lapsed) OR (tag friend AND balance > 0)
    const rules = any(
      all({ kind: 'spend', window: { type: 'lifetime' }, op: 'gt', amountMinor: 100_000 }, { kind: 'last_visit', when: 'more_than_days_ago', days: 30 }),
      all({ kind: 'shopify_tag', tag: 'friend' }, { kind: 'points_balance', op: 'gt', points: 0 }),
    );
    expect(await matched(shop.id, rules)).toEqual([rich.id, tagged.id].sort());
    const sample = await sampleMatchingMembers(db, shop.id, rules, now);
    expect(sample.map((m) => m.id).sort()).toEqual([rich.id, tagged.id].sort());
  });

  it("never matches another shop's members", async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const other = await createShop(db.prisma);
    const mine = await createGroupMember(db.prisma, shop.id, { lifetimeSpendMinor: 200_000 });
    const theirs = await createGroupMember(db.prisma, other.id, { lifetimeSpendMinor: 200_000 });
    await createPaidOrder(db.prisma, other.id, theirs.id, { eligibleMinor: 200_000, processedAt: now });
    const rules = any({ kind: 'spend', window: { type: 'lifetime' }, op: 'gt', amountMinor: 100_000 }, { kind: 'visits', window: { type: 'lifetime' }, op: 'gte', count: 0 });
    expect(await matched(shop.id, rules)).toEqual([mine.id]);
    expect(await countMatchingMembers(db, shop.id, rules, now)).toBe(1);
  });

  it('keeps manual members of an automatic group when they do not match', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createGroupMember(db.prisma, shop.id);
    const group = await createRuleGroup(db.prisma, shop.id, 'VIP', all({ kind: 'points_balance', op: 'gt', points: 1000 }));
    await db.prisma.groupMember.create({ data: { groupId: group.id, memberId: member.id, shopId: shop.id, source: 'manual', joinedAt: now } });
    const summary = await reevaluateGroups(db, { shopId: shop.id, now });
    expect(summary).toMatchObject({ joined: 0, left: 0 });
    expect(await groupMemberIds(db.prisma, group.id)).toEqual([member.id]);
  });
});
