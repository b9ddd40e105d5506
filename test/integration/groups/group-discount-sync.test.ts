// A discount group, the Shopify way: members tagged (prefix + group slug), a customer segment selecting
// the tag, an automatic discount limited to the segment — created, updated and deleted by the app
// through durable tasks, once each even when Shopify fails (429, 5xx, lost answers).
import { enqueueGroupDiscountSync, enqueueMemberTagSync } from '../../../web/core/groups/enqueue-group-sync';
import { queueGroupDiscountSyncs, queueMemberTagSyncs } from '../../../web/core/groups/queue-group-shopify-sync';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import request from 'supertest';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import type { ShopifySimulator } from '../../simulator';
import { segmentsAndDiscountsOf } from '../../simulator/segments-and-discounts';
import { TEST_API_KEY, TEST_API_SECRET, type TestApp } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';
import { addToGroup, createGroup } from '../../fixtures/groups';
import { createMemberWithPoints, createSimulatedShop, startRewardsTestbed } from '../rewards/rewards-fixtures';

describeEachDatabase('group discounts in Shopify', (getDb) => {
  let sim: ShopifySimulator;
  let testApp: TestApp;

  beforeAll(async () => ({ sim, testApp } = await startRewardsTestbed(getDb())));
  afterAll(() => sim.close());
  afterEach(() => sim.faults.clear());

  /** Runs the task loop until nothing is due, each round far enough ahead that every backoff has passed. */
  const drain = async () => {
    for (let round = 1; round <= 8; round += 1) {
      const ahead = round * 3_600_000;
      await processDueTasks(testApp.jobContext(() => new Date(Date.now() + ahead)));
    }
  };
  const tagsOf = (shopDomain: string, customerNumericId: string) => sim.shop(shopDomain).customers.find((c) => String(c.id) === customerNumericId)!.tags;

  async function seed001(shop: { id: string; domain: string }) {
    const prisma = getDb().prisma;
    const tiers = await Promise.all([['Silver', 1, 10], ['Gold', 2, 20], ['Platinum', 3, 30]].map(([name, rank, percent]) =>
      createGroup(prisma, shop.id, { name: name as string, tierRank: rank as number, benefitKind: 'discount', benefitDiscountPercent: percent as number })));
    return tiers;
  }

  it("creates seed 001's 10/20/30 % discounts, each limited to the segment of its group's tag, and tags the members", async () => {
    const prisma = getDb().prisma;
    const shop = await createSimulatedShop(prisma, sim);
    const [silver, gold, platinum] = await seed001(shop);
    const anna = await createMemberWithPoints(prisma, sim, shop, 0);
    const bram = await createMemberWithPoints(prisma, sim, shop, 0);
    sim.shop(shop.domain).customers.find((c) => String(c.id) === bram.customerNumericId)!.tags = ['regular', 'loyalty-platinum'];
    await addToGroup(prisma, gold!, anna.id, 'tier');
    await addToGroup(prisma, silver!, bram.id, 'tier');
    for (const group of [silver!, gold!, platinum!]) await enqueueGroupDiscountSync(getDb(), { shopDomain: shop.domain, groupId: group.id });
    await drain();

    const state = segmentsAndDiscountsOf(sim.shop(shop.domain));
    expect(state.segments.map((s) => [s.name, s.query]).sort()).toEqual([
      ['Loyalty group: Gold', "customer_tags CONTAINS 'loyalty-gold'"],
      ['Loyalty group: Platinum', "customer_tags CONTAINS 'loyalty-platinum'"],
      ['Loyalty group: Silver', "customer_tags CONTAINS 'loyalty-silver'"],
    ]);
    const discounts = state.discounts.map((d) => [d.title, d.percentage, state.segments.find((s) => s.id === d.segmentIds[0])?.name, d.segmentIds.length]).sort();
    expect(discounts).toEqual([
      ['Gold: 20% member discount', 0.2, 'Loyalty group: Gold', 1],
      ['Platinum: 30% member discount', 0.3, 'Loyalty group: Platinum', 1],
      ['Silver: 10% member discount', 0.1, 'Loyalty group: Silver', 1],
    ]);
    const stored = await prisma.customerGroup.findUniqueOrThrow({ where: { id: gold!.id } });
    expect([stored.shopifyTag, stored.shopifySyncStatus, stored.shopifySegmentId?.startsWith('gid://shopify/Segment/'), stored.shopifyDiscountId?.startsWith('gid://shopify/DiscountAutomaticNode/')])
      .toEqual(['loyalty-gold', 'synced', true, true]);
    // Members were tagged when the groups' tags appeared; a stale managed tag went, other tags stayed.
    expect(tagsOf(shop.domain, anna.customerNumericId)).toEqual(['loyalty-gold']);
    expect(tagsOf(shop.domain, bram.customerNumericId)).toEqual(['regular', 'loyalty-silver']);
  });

  it('survives 429s, 5xx and lost answers: retried, one segment and one discount, no duplicate tags', async () => {
    const prisma = getDb().prisma;
    const shop = await createSimulatedShop(prisma, sim);
    const gold = await createGroup(prisma, shop.id, { name: 'Gold', benefitKind: 'discount', benefitDiscountPercent: 20 });
    const members = [];
    for (let i = 0; i < 5; i += 1) {
      const member = await createMemberWithPoints(prisma, sim, shop, 0);
      await addToGroup(prisma, gold, member.id);
      members.push(member);
    }
    const only = { shop: shop.domain };
    // Shopify created the segment and the discount, but our process never heard back.
    sim.faults.add({ match: { ...only, operationName: 'LoyaltySegmentCreate' }, kind: 'http500', afterExecution: true, times: 1 });
    sim.faults.add({ match: { ...only, operationName: 'LoyaltyGroupDiscountCreate' }, kind: 'http502', afterExecution: true, times: 1 });
    sim.faults.add({ match: { ...only, operationName: 'LoyaltyCustomerTagsChange' }, kind: 'http500', afterExecution: true, times: 2 });
    sim.faults.add({ match: { ...only, operationName: 'LoyaltyCustomerTagsChange' }, kind: 'http429', times: 2 });
    sim.faults.add({ match: { ...only, operationName: 'LoyaltyCustomerTags' }, kind: 'throttled', times: 1 });
    await enqueueGroupDiscountSync(getDb(), { shopDomain: shop.domain, groupId: gold.id });
    await enqueueGroupDiscountSync(getDb(), { shopDomain: shop.domain, groupId: gold.id });
    await enqueueMemberTagSync(getDb(), { shopDomain: shop.domain, shopId: shop.id, memberIds: members.map((m) => m.id) });
    await drain();

    const state = segmentsAndDiscountsOf(sim.shop(shop.domain));
    expect(state.segments).toHaveLength(1);
    expect(state.discounts).toHaveLength(1);
    expect(state.discounts[0]!.segmentIds).toEqual([state.segments[0]!.id]);
    for (const member of members) expect(tagsOf(shop.domain, member.customerNumericId)).toEqual(['loyalty-gold']);
    const faulted = sim.requests.filter((r) => r.shop === shop.domain && r.outcome !== 'executed').map((r) => r.outcome);
    expect(faulted.length).toBeGreaterThanOrEqual(5);
    expect(await prisma.task.count({ where: { shopDomain: shop.domain, status: { not: 'done' } } })).toBe(0);
  });

  it('follows a new percentage and a rename, and removes everything when the group is archived', async () => {
    const prisma = getDb().prisma;
    const shop = await createSimulatedShop(prisma, sim);
    const gold = await createGroup(prisma, shop.id, { name: 'Gold', benefitKind: 'discount', benefitDiscountPercent: 20 });
    const anna = await createMemberWithPoints(prisma, sim, shop, 0);
    await addToGroup(prisma, gold, anna.id);
    await enqueueGroupDiscountSync(getDb(), { shopDomain: shop.domain, groupId: gold.id });
    await drain();
    const state = () => segmentsAndDiscountsOf(sim.shop(shop.domain));
    const firstIds = [state().segments[0]!.id, state().discounts[0]!.id];

    await prisma.customerGroup.update({ where: { id: gold.id }, data: { name: 'Gold VIP', benefitDiscountPercent: 25 } });
    await enqueueGroupDiscountSync(getDb(), { shopDomain: shop.domain, groupId: gold.id });
    await drain();
    expect(state().segments.map((s) => [s.id, s.name, s.query])).toEqual([[firstIds[0], 'Loyalty group: Gold VIP', "customer_tags CONTAINS 'loyalty-gold-vip'"]]);
    expect(state().discounts.map((d) => [d.id, d.title, d.percentage])).toEqual([[firstIds[1], 'Gold VIP: 25% member discount', 0.25]]);
    expect(tagsOf(shop.domain, anna.customerNumericId)).toEqual(['loyalty-gold-vip']);

    await prisma.customerGroup.update({ where: { id: gold.id }, data: { archivedAt: new Date() } });
    await enqueueGroupDiscountSync(getDb(), { shopDomain: shop.domain, groupId: gold.id });
    await drain();
    expect([state().segments, state().discounts]).toEqual([[], []]);
    expect(tagsOf(shop.domain, anna.customerNumericId)).toEqual([]);
    const stored = await prisma.customerGroup.findUniqueOrThrow({ where: { id: gold.id } });
    expect([stored.shopifyTag, stored.shopifySegmentId, stored.shopifyDiscountId]).toEqual([null, null, null]);
  });

  it('queues the syncs by itself from group changes and the membership history, once each', async () => {
    const prisma = getDb().prisma;
    const shop = await createSimulatedShop(prisma, sim);
    const gold = await createGroup(prisma, shop.id, { name: 'Gold', benefitKind: 'discount', benefitDiscountPercent: 15 });
    const plain = await createGroup(prisma, shop.id, { name: 'Newsletter' });
    const anna = await createMemberWithPoints(prisma, sim, shop, 0);
    const bram = await createMemberWithPoints(prisma, sim, shop, 0);
    const later = () => new Date(Date.now() + 60_000);
    const tasksOf = (kind: string) => prisma.task.count({ where: { shopDomain: shop.domain, kind } });

    expect(await queueGroupDiscountSyncs(getDb(), later())).toBeGreaterThanOrEqual(1);
    await queueGroupDiscountSyncs(getDb(), later());
    expect(await tasksOf('sync-group-discount')).toBe(1);
    await drain();
    expect(segmentsAndDiscountsOf(sim.shop(shop.domain)).discounts.map((d) => d.percentage)).toEqual([0.15]);
    await queueGroupDiscountSyncs(getDb(), later());
    expect(await tasksOf('sync-group-discount')).toBe(1);

    // Someone else maintains membership: rows and history, no call to us.
    await addToGroup(prisma, gold, anna.id);
    await addToGroup(prisma, plain, bram.id);
    await prisma.groupMembershipEvent.createMany({ data: [
      { shopId: shop.id, groupId: gold.id, memberId: anna.id, change: 'joined', reason: 'staff' },
      { shopId: shop.id, groupId: plain.id, memberId: bram.id, change: 'joined', reason: 'staff' },
    ] });
    expect(await queueMemberTagSyncs(getDb(), later())).toBeGreaterThanOrEqual(1);
    expect(await queueMemberTagSyncs(getDb(), later())).toBe(0);
    await drain();
    expect(tagsOf(shop.domain, anna.customerNumericId)).toEqual(['loyalty-gold']);
    expect(tagsOf(shop.domain, bram.customerNumericId)).toEqual([]);

    await prisma.groupMember.delete({ where: { groupId_memberId: { groupId: gold.id, memberId: anna.id } } });
    await prisma.groupMembershipEvent.create({ data: { shopId: shop.id, groupId: gold.id, memberId: anna.id, change: 'left', reason: 'staff' } });
    await queueMemberTagSyncs(getDb(), later());
    await drain();
    expect(tagsOf(shop.domain, anna.customerNumericId)).toEqual([]);
  });

  it('moves members to the new tag when staff change the tag prefix, taking the old tag off', async () => {
    const prisma = getDb().prisma;
    const shop = await createSimulatedShop(prisma, sim);
    const gold = await createGroup(prisma, shop.id, { name: 'Gold', benefitKind: 'discount', benefitDiscountPercent: 20 });
    const anna = await createMemberWithPoints(prisma, sim, shop, 0);
    await addToGroup(prisma, gold, anna.id);
    const later = () => new Date(Date.now() + 60_000);
    await queueGroupDiscountSyncs(getDb(), later());
    await drain();
    expect(tagsOf(shop.domain, anna.customerNumericId)).toEqual(['loyalty-gold']);

    const auth = `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET })}`;
    expect((await request(testApp.app).patch('/api/settings/program').set('Authorization', auth).send({ groupTagPrefix: 'VIP ' })).status).toBe(400);
    const saved = await request(testApp.app).patch('/api/settings/program').set('Authorization', auth).send({ groupTagPrefix: 'vip-' });
    expect([saved.status, saved.body.groupTagPrefix]).toEqual([200, 'vip-']);
    await queueGroupDiscountSyncs(getDb(), later());
    await drain();
    expect(segmentsAndDiscountsOf(sim.shop(shop.domain)).segments.map((s) => s.query)).toEqual(["customer_tags CONTAINS 'vip-gold'"]);
    expect(tagsOf(shop.domain, anna.customerNumericId)).toEqual(['vip-gold']);
  });
});
