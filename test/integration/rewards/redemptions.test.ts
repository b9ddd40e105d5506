// Points -> gift cards / store credit through the real app, the task runner and the Shopify
// simulator over HTTP, on both databases.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { requestRedemption } from '../../../web/core/redemption/request-redemption';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { issueRedemption } from '../../../web/core/redemption/redemption-workflow';
import { giftCardCodeBox, redemptionWorkflowDeps } from '../../../web/runtime/redemption-workflow-deps';
import type { ShopifySimulator } from '../../simulator';
import { TEST_API_KEY, TEST_API_SECRET, type TestApp } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';
import { createMemberWithPoints, createReward, createSimulatedShop, proxyRequest, startRewardsTestbed } from './rewards-fixtures';

describeEachDatabase('rewards and redemptions', (getDb) => {
  let sim: ShopifySimulator;
  let testApp: TestApp;
  let shop: { id: string; domain: string };

  beforeAll(async () => ({ sim, testApp, shop } = await startRewardsTestbed(getDb())));
  afterAll(() => sim.close());
  afterEach(() => sim.faults.clear());

  const codeBox = () => giftCardCodeBox(testApp.config.encryptionKey);
  const cardsOf = (redemptionIds: string[]) => sim.shop(shop.domain).giftCards.filter((card) => redemptionIds.some((id) => card.note === `loyalty-redemption:${id}`));
  const balanceOf = async (memberId: string) => (await getDb().prisma.member.findUniqueOrThrow({ where: { id: memberId } })).balance;
  /** Runs the job processes' task loop at a moment far enough ahead that every backoff has passed. */
  const drainAt = (hoursAhead: number) => processDueTasks(testApp.jobContext(() => new Date(Date.now() + hoursAhead * 3_600_000)));
  const redeemDirect = (memberId: string, rewardId: string, key = randomUUID()) =>
    requestRedemption(getDb(), codeBox(), { shopId: shop.id, shopDomain: shop.domain, member: { id: memberId }, rewardId, idempotencyKey: key, requestedBy: 'customer' });

  it('lets exactly 3 of 100 concurrent redemptions through when the balance covers 3, and issues 3 cards', async () => {
    const reward = await createReward(getDb().prisma, shop.id, { pointsCost: 100 });
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 300);
    const responses = await Promise.all(Array.from({ length: 100 }, () =>
      proxyRequest(testApp.app, sim, { method: 'post', path: '/redeem', shop: shop.domain, customerId: member.customerNumericId })
        .set('Idempotency-Key', randomUUID()).send({ rewardId: reward.id })));
    const ok = responses.filter((r) => r.status === 201 || r.status === 202);
    const refused = responses.filter((r) => r.status === 409);
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(97);
    expect(refused.every((r) => r.body.error.code === 'INSUFFICIENT_POINTS')).toBe(true);
    await drainAt(2);
    const redemptions = await getDb().prisma.redemption.findMany({ where: { memberId: member.id } });
    expect(redemptions.map((r) => r.status)).toEqual(['issued', 'issued', 'issued']);
    expect(cardsOf(redemptions.map((r) => r.id))).toHaveLength(3);
    expect(await balanceOf(member.id)).toBe(0);
    expect((await findBalanceMismatches(getDb().prisma)).mismatches).toEqual([]);
    // The customer got the code in the response, and it is the card's code.
    const issued = ok.find((r) => r.status === 201);
    if (issued) expect(cardsOf([issued.body.redemption.id])[0]!.code).toBe(issued.body.code);
  });

  it('turns the same idempotency key sent 10 times at once into one redemption', async () => {
    const reward = await createReward(getDb().prisma, shop.id, { pointsCost: 50 });
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 500);
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 10 }, () =>
      proxyRequest(testApp.app, sim, { method: 'post', path: '/redeem', shop: shop.domain, customerId: member.customerNumericId })
        .set('Idempotency-Key', key).send({ rewardId: reward.id })));
    expect(responses.every((r) => r.status < 300)).toBe(true);
    expect(new Set(responses.map((r) => r.body.redemption.id)).size).toBe(1);
    await drainAt(2);
    expect(await getDb().prisma.redemption.count({ where: { memberId: member.id } })).toBe(1);
    expect(await balanceOf(member.id)).toBe(450);
    expect(cardsOf([responses[0]!.body.redemption.id])).toHaveLength(1);
  });

  it("refuses a key another member used (409) and answers a non-member 404 whatever key they send", async () => {
    const reward = await createReward(getDb().prisma, shop.id, { pointsCost: 50 });
    const owner = await createMemberWithPoints(getDb().prisma, sim, shop, 500);
    const other = await createMemberWithPoints(getDb().prisma, sim, shop, 500);
    const key = randomUUID();
    const redeem = (customerId: string) => proxyRequest(testApp.app, sim, { method: 'post', path: '/redeem', shop: shop.domain, customerId }).set('Idempotency-Key', key).send({ rewardId: reward.id });
    expect((await redeem(owner.customerNumericId)).status).toBe(201);
    const reused = await redeem(other.customerNumericId);
    expect(reused.status).toBe(409);
    expect(reused.body.error.message).toMatch(/already used for another redemption/);
    const stranger = await redeem('987654321');
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.message).toMatch(/No loyalty account/);
    expect(await balanceOf(other.id)).toBe(500);
    expect(await balanceOf(owner.id)).toBe(450);
  });

  it('retries through two Shopify 500s and issues one card, deducting the points once', async () => {
    const reward = await createReward(getDb().prisma, shop.id, { pointsCost: 100 });
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 100);
    const { redemption } = await redeemDirect(member.id, reward.id);
    // The job runtime's client tries twice per task run, so both 500s land in the first run.
    sim.faults.add({ match: { operationName: 'LoyaltyGiftCardCreate' }, kind: 'http500', times: 2 });
    expect(await drainAt(0)).toMatchObject({ retry: 1 });
    expect((await getDb().prisma.redemption.findUniqueOrThrow({ where: { id: redemption.id } })).status).toBe('issuing');
    expect(await drainAt(2)).toMatchObject({ done: 1 });
    const after = await getDb().prisma.redemption.findUniqueOrThrow({ where: { id: redemption.id } });
    expect(after.status).toBe('issued');
    expect(cardsOf([redemption.id])).toHaveLength(1);
    expect(await balanceOf(member.id)).toBe(0);
    expect(await getDb().prisma.ledgerEntry.count({ where: { memberId: member.id, type: 'redeem' } })).toBe(1);
    const outbox = await getDb().prisma.outboxMessage.findFirstOrThrow({ where: { memberId: member.id, event: 'gift_card_issued' } });
    const payload = JSON.parse(outbox.payload);
    expect(payload.gift_card_code).toMatch(/^•+/);
    expect(outbox.payload).not.toContain(cardsOf([redemption.id])[0]!.code);
  });

  it('returns the points with a linked reversal and tells the customer when Shopify keeps failing', async () => {
    const reward = await createReward(getDb().prisma, shop.id, { pointsCost: 100, stockLimit: 5 });
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 100);
    const { redemption } = await redeemDirect(member.id, reward.id);
    sim.faults.add({ match: { operationName: 'LoyaltyGiftCardCreate' }, kind: 'http500' });
    for (let hours = 0; hours < 12; hours += 2) await drainAt(hours);
    const after = await getDb().prisma.redemption.findUniqueOrThrow({ where: { id: redemption.id } });
    expect(after.status).toBe('reversed');
    expect(await balanceOf(member.id)).toBe(100);
    const reversal = await getDb().prisma.ledgerEntry.findFirstOrThrow({ where: { memberId: member.id, type: 'reversal' } });
    expect(reversal).toMatchObject({ points: 100, reversesId: redemption.ledgerEntryId, status: 'posted' });
    expect(await getDb().prisma.outboxMessage.count({ where: { memberId: member.id, event: 'reward_failed' } })).toBe(1);
    expect((await getDb().prisma.giftCardReward.findUniqueOrThrow({ where: { id: reward.id } })).issuedCount).toBe(0);
    expect(cardsOf([redemption.id])).toHaveLength(0);
    expect((await findBalanceMismatches(getDb().prisma)).mismatches).toEqual([]);
  });

  it('reverses at once on a Shopify user error such as GIFT_CARD_LIMIT_EXCEEDED', async () => {
    const reward = await createReward(getDb().prisma, shop.id, { pointsCost: 100, valueMinor: 60_000 });
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 100);
    const { redemption } = await redeemDirect(member.id, reward.id);
    expect(await drainAt(0)).toMatchObject({ done: 1 });
    const after = await getDb().prisma.redemption.findUniqueOrThrow({ where: { id: redemption.id } });
    expect(after).toMatchObject({ status: 'reversed', attempts: 1 });
    expect(after.lastError).toMatch(/GIFT_CARD_LIMIT_EXCEEDED/);
    expect(await balanceOf(member.id)).toBe(100);
  });

  it('never creates a second card when the worker died after giftCardCreate, and still knows the code', async () => {
    const reward = await createReward(getDb().prisma, shop.id, { pointsCost: 100 });
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 100);
    const { redemption } = await redeemDirect(member.id, reward.id);
    const crash = issueRedemption({
      ...redemptionWorkflowDeps({ db: getDb(), admin: testApp.runtime.admin, codeBox: codeBox(), logger: testApp.runtime.logger }),
      afterShopifyIssued: () => { throw new Error('killed after giftCardCreate'); },
    }, redemption.id);
    await expect(crash).rejects.toThrow('killed');
    expect(cardsOf([redemption.id])).toHaveLength(1);
    expect((await getDb().prisma.redemption.findUniqueOrThrow({ where: { id: redemption.id } })).giftCardId).toBeNull();
    // "Restart": the task is still queued and the job processes pick it up.
    await drainAt(0);
    const after = await getDb().prisma.redemption.findUniqueOrThrow({ where: { id: redemption.id } });
    expect(after.status).toBe('issued');
    expect(cardsOf([redemption.id])).toHaveLength(1);
    expect(after.giftCardId).toBe(`gid://shopify/GiftCard/${cardsOf([redemption.id])[0]!.id}`);
    const reveal = await proxyRequest(testApp.app, sim, { path: `/redemptions/${redemption.id}/code`, shop: shop.domain, customerId: member.customerNumericId });
    expect(reveal.status).toBe(200);
    expect(reveal.body.code).toBe(cardsOf([redemption.id])[0]!.code);
  });

  it('refuses beyond the stock and the per-customer limit without taking points', async () => {
    const limited = await createReward(getDb().prisma, shop.id, { pointsCost: 10, perCustomerLimit: 1 });
    const scarce = await createReward(getDb().prisma, shop.id, { pointsCost: 10, stockLimit: 1 });
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 100);
    await redeemDirect(member.id, limited.id);
    await expect(redeemDirect(member.id, limited.id)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'PER_CUSTOMER_LIMIT' } });
    await redeemDirect(member.id, scarce.id);
    await expect(redeemDirect(member.id, scarce.id)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'OUT_OF_STOCK' } });
    expect(await balanceOf(member.id)).toBe(80);
    expect((await findBalanceMismatches(getDb().prisma)).mismatches).toEqual([]);
  });

  it('credits store credit for a store-credit reward', async () => {
    const reward = await createReward(getDb().prisma, shop.id, { type: 'store_credit', valueMinor: 750, pointsCost: 75 });
    const member = await createMemberWithPoints(getDb().prisma, sim, shop, 100);
    const response = await proxyRequest(testApp.app, sim, { method: 'post', path: '/redeem', shop: shop.domain, customerId: member.customerNumericId })
      .send({ rewardId: reward.id, idempotencyKey: randomUUID() });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ redemption: { status: 'issued', type: 'store_credit' }, code: null });
    const account = sim.shop(shop.domain).storeCreditAccounts.find((a) => a.customerId === Number(member.customerNumericId));
    expect(account).toMatchObject({ balance: 750, currency: 'EUR' });
    expect(await balanceOf(member.id)).toBe(25);
  });

  describe('app proxy', () => {
    it('answers balance, pending points, history and affordable rewards for the signed-in customer', async () => {
      const member = await createMemberWithPoints(getDb().prisma, sim, shop, 120);
      const balance = await proxyRequest(testApp.app, sim, { path: '/balance', shop: shop.domain, customerId: member.customerNumericId });
      expect(balance.status).toBe(200);
      expect(balance.body).toMatchObject({ balance: 120, pendingPoints: 0, pending: [] });
      const history = await proxyRequest(testApp.app, sim, { path: '/history', shop: shop.domain, customerId: member.customerNumericId, extra: { limit: '1' } });
      expect(history.body.items).toHaveLength(1);
      const rewards = await proxyRequest(testApp.app, sim, { path: '/rewards', shop: shop.domain, customerId: member.customerNumericId });
      expect(rewards.body.rewards.length).toBeGreaterThan(0);
      for (const reward of rewards.body.rewards) expect(reward.canAfford).toBe(reward.pointsCost <= 120);
    });

    it('answers 401 to a forged signature and to a replayed (old) request', async () => {
      const member = await createMemberWithPoints(getDb().prisma, sim, shop, 10);
      expect((await proxyRequest(testApp.app, sim, { path: '/balance', shop: shop.domain, customerId: member.customerNumericId, forge: true })).status).toBe(401);
      expect((await proxyRequest(testApp.app, sim, { path: '/balance', shop: shop.domain, customerId: member.customerNumericId, timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
      expect((await request(testApp.app).get(`/proxy/balance?shop=${shop.domain}&logged_in_customer_id=${member.customerNumericId}`)).status).toBe(401);
    });

    it("answers 404 for another shop's customer, 404 for an unknown shop and 401 when nobody is signed in", async () => {
      const other = await createSimulatedShop(getDb().prisma, sim);
      const stranger = await createMemberWithPoints(getDb().prisma, sim, other, 500);
      expect((await proxyRequest(testApp.app, sim, { path: '/balance', shop: shop.domain, customerId: stranger.customerNumericId })).status).toBe(404);
      expect((await proxyRequest(testApp.app, sim, { path: '/balance', shop: 'nobody-here.myshopify.com', customerId: stranger.customerNumericId })).status).toBe(404);
      expect((await proxyRequest(testApp.app, sim, { path: '/balance', shop: shop.domain })).status).toBe(401);
    });

    it("never reveals a code to another customer, and lists the customer's own cards masked", async () => {
      const reward = await createReward(getDb().prisma, shop.id, { pointsCost: 10 });
      const owner = await createMemberWithPoints(getDb().prisma, sim, shop, 10);
      const other = await createMemberWithPoints(getDb().prisma, sim, shop, 10);
      const redeemed = await proxyRequest(testApp.app, sim, { method: 'post', path: '/redeem', shop: shop.domain, customerId: owner.customerNumericId }).set('Idempotency-Key', randomUUID()).send({ rewardId: reward.id });
      expect(redeemed.status).toBe(201);
      const id = redeemed.body.redemption.id;
      expect((await proxyRequest(testApp.app, sim, { path: `/redemptions/${id}/code`, shop: shop.domain, customerId: other.customerNumericId })).status).toBe(404);
      const list = await proxyRequest(testApp.app, sim, { path: '/redemptions', shop: shop.domain, customerId: owner.customerNumericId });
      expect(list.body.items[0]).toMatchObject({ id, status: 'issued', maskedCode: expect.stringMatching(/^•/) });
      expect(JSON.stringify(list.body)).not.toContain(redeemed.body.code);
    });
  });

  describe('staff', () => {
    let auth: string;
    beforeEach(async () => {
      auth = `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET })}`;
    });

    it("validates rewards against the shop's issue limit and a positive cost", async () => {
      const over = await request(testApp.app).post('/api/rewards').set('Authorization', auth).send({ title: 'Big', valueMinor: 50_001, currency: 'EUR', pointsCost: 10 });
      expect(over.status).toBe(400);
      const free = await request(testApp.app).post('/api/rewards').set('Authorization', auth).send({ title: 'Free', valueMinor: 500, currency: 'EUR', pointsCost: 0 });
      expect(free.status).toBe(400);
      const ok = await request(testApp.app).post('/api/rewards').set('Authorization', auth).send({ title: '€5 card', valueMinor: 500, currency: 'EUR', pointsCost: 50, stockLimit: 10 });
      expect(ok.status).toBe(201);
      expect(ok.body.reward).toMatchObject({ title: '€5 card', stockRemaining: 10, enabled: true });
      const patched = await request(testApp.app).patch(`/api/rewards/${ok.body.reward.id}`).set('Authorization', auth).send({ enabled: false });
      expect(patched.body.reward.enabled).toBe(false);
      expect((await request(testApp.app).delete(`/api/rewards/${ok.body.reward.id}`).set('Authorization', auth)).status).toBe(204);
    });

    it('redeems on behalf of a customer, lists it masked, and deactivates the card with the points returned', async () => {
      const reward = await createReward(getDb().prisma, shop.id, { pointsCost: 40 });
      const member = await createMemberWithPoints(getDb().prisma, sim, shop, 40);
      const created = await request(testApp.app).post('/api/redemptions').set('Authorization', auth).send({ customerId: member.customerNumericId, rewardId: reward.id, idempotencyKey: randomUUID() });
      expect(created.status).toBe(201);
      expect(created.body.redemption).toMatchObject({ status: 'issued', requestedBy: 'staff', maskedCode: expect.stringMatching(/^•/) });
      expect(created.body).not.toHaveProperty('code');
      const list = await request(testApp.app).get('/api/redemptions?status=issued').set('Authorization', auth);
      expect(list.body.items.some((item: { id: string }) => item.id === created.body.redemption.id)).toBe(true);
      const deactivated = await request(testApp.app).post(`/api/redemptions/${created.body.redemption.id}/deactivate`).set('Authorization', auth).send({ returnPoints: true });
      expect(deactivated.body).toEqual({ deactivated: true, pointsReturned: 40 });
      expect(cardsOf([created.body.redemption.id])[0]!.deactivatedAt).not.toBeNull();
      expect(await balanceOf(member.id)).toBe(40);
      expect((await findBalanceMismatches(getDb().prisma)).mismatches).toEqual([]);
    });
  });
});
