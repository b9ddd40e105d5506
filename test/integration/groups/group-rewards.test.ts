// Rewards limited to groups (visibleToGroups): a Gold customer sees and redeems the Gold reward
// through the app proxy; everyone else (other members, guests) neither sees nor redeems it.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createShop } from '../../fixtures/factories';
import type { ShopifySimulator } from '../../simulator';
import { TEST_API_KEY, TEST_API_SECRET, type TestApp } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';
import { addToGroup, createGroup } from '../../fixtures/groups';
import { createMemberWithPoints, createReward, proxyRequest, startRewardsTestbed } from '../rewards/rewards-fixtures';

describeEachDatabase('rewards limited to groups', (getDb) => {
  let sim: ShopifySimulator;
  let testApp: TestApp;
  let shop: { id: string; domain: string };

  beforeAll(async () => ({ sim, testApp, shop } = await startRewardsTestbed(getDb())));
  afterAll(() => sim.close());

  it('shows a Gold reward to a Gold customer only, lets only them redeem it, and keeps rewards for everyone visible to all', async () => {
    const prisma = getDb().prisma;
    const gold = await createGroup(prisma, shop.id, { name: `Gold ${randomUUID().slice(0, 6)}`, tierRank: 3 });
    const silver = await createGroup(prisma, shop.id, { name: `Silver ${randomUUID().slice(0, 6)}`, tierRank: 2 });
    const goldReward = await createReward(prisma, shop.id, { title: 'Gold gift card', pointsCost: 50 });
    await prisma.giftCardReward.update({ where: { id: goldReward.id }, data: { visibleToGroups: JSON.stringify([gold.id]) } });
    const forAll = await createReward(prisma, shop.id, { title: 'Everyone gift card', pointsCost: 50 });
    const goldMember = await createMemberWithPoints(prisma, sim, shop, 200);
    const silverMember = await createMemberWithPoints(prisma, sim, shop, 200);
    await addToGroup(prisma, gold, goldMember.id, 'tier');
    await addToGroup(prisma, silver, silverMember.id, 'tier');

    const titles = async (customerId?: string) =>
      ((await proxyRequest(testApp.app, sim, { path: '/rewards', shop: shop.domain, customerId })).body.rewards as Array<{ id: string }>).map((r) => r.id).filter((id) => [goldReward.id, forAll.id].includes(id)).sort();
    expect(await titles(goldMember.customerNumericId)).toEqual([goldReward.id, forAll.id].sort());
    expect(await titles(silverMember.customerNumericId)).toEqual([forAll.id]);
    expect(await titles()).toEqual([forAll.id]);

    const redeem = (customerId: string) =>
      proxyRequest(testApp.app, sim, { method: 'post', path: '/redeem', shop: shop.domain, customerId }).set('Idempotency-Key', randomUUID()).send({ rewardId: goldReward.id });
    const refused = await redeem(silverMember.customerNumericId);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/reserved for members/);
    expect((await prisma.member.findUniqueOrThrow({ where: { id: silverMember.id } })).balance).toBe(200);
    expect(await prisma.redemption.count({ where: { memberId: silverMember.id } })).toBe(0);

    const granted = await redeem(goldMember.customerNumericId);
    expect(granted.status).toBe(201);
    expect((await prisma.member.findUniqueOrThrow({ where: { id: goldMember.id } })).balance).toBe(150);
  });

  it('lets staff limit a reward to groups of their shop only, and lists the groups beside the rewards', async () => {
    const prisma = getDb().prisma;
    const auth = `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET })}`;
    const vip = await createGroup(prisma, shop.id, { name: `VIP ${randomUUID().slice(0, 6)}` });
    const elsewhere = await createShop(prisma);
    const foreign = await createGroup(prisma, elsewhere.id, { name: 'Foreign' });
    const body = { title: 'VIP card', valueMinor: 500, currency: 'EUR', pointsCost: 50 };
    const refused = await request(testApp.app).post('/api/rewards').set('Authorization', auth).send({ ...body, visibleToGroups: [foreign.id] });
    expect(refused.status).toBe(400);
    expect(await prisma.giftCardReward.count({ where: { shopId: shop.id, title: 'VIP card' } })).toBe(0);
    const created = await request(testApp.app).post('/api/rewards').set('Authorization', auth).send({ ...body, visibleToGroups: [vip.id] });
    expect([created.status, created.body.reward.visibleToGroups]).toEqual([201, [vip.id]]);
    const list = await request(testApp.app).get('/api/rewards').set('Authorization', auth);
    expect(list.body.groups).toEqual(expect.arrayContaining([{ id: vip.id, name: vip.name, tierRank: null }]));
    expect(list.body.groups.map((g: { id: string }) => g.id)).not.toContain(foreign.id);
  });
});
