// The windows between Shopify and our records: a store credit applied but not recorded, and
// redemptions left `issuing` with no task to finish them (settled by the sweeper), on both databases.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { settleStuckRedemptionsJob } from '../../../jobs/settle-stuck-redemptions';
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { issueRedemption } from '../../../web/core/redemption/redemption-workflow';
import { requestRedemption } from '../../../web/core/redemption/request-redemption';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { giftCardCodeBox, redemptionWorkflowDeps } from '../../../web/runtime/redemption-workflow-deps';
import type { ShopifySimulator } from '../../simulator';
import { TEST_API_KEY, TEST_API_SECRET, type TestApp } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';
import { createMemberWithPoints, createReward, proxyRequest, startRewardsTestbed } from './rewards-fixtures';

describeEachDatabase('redemption windows', (getDb) => {
  let sim: ShopifySimulator;
  let testApp: TestApp;
  let shop: { id: string; domain: string };

  beforeAll(async () => ({ sim, testApp, shop } = await startRewardsTestbed(getDb())));
  afterAll(() => sim.close());
  afterEach(() => sim.faults.clear());

  const prisma = () => getDb().prisma;
  const codeBox = () => giftCardCodeBox(testApp.config.encryptionKey);
  const later = (minutes: number) => () => new Date(Date.now() + minutes * 60_000);
  const drainAt = (hoursAhead: number) => processDueTasks(testApp.jobContext(later(hoursAhead * 60)));
  const sweepAt = (minutesAhead: number) => settleStuckRedemptionsJob.run(testApp.jobContext(later(minutesAhead)));
  const redeemDirect = (memberId: string, rewardId: string) =>
    requestRedemption(getDb(), codeBox(), { shopId: shop.id, shopDomain: shop.domain, member: { id: memberId }, rewardId, idempotencyKey: randomUUID(), requestedBy: 'customer' });
  /** One attempt that dies right after Shopify issued (a process killed between Shopify's answer and our write). */
  const attemptThatDiesAfterShopify = (redemptionId: string) =>
    issueRedemption({
      ...redemptionWorkflowDeps({ db: getDb(), admin: testApp.runtime.admin, codeBox: codeBox(), logger: testApp.runtime.logger }),
      afterShopifyIssued: () => { throw new Error('killed after Shopify issued'); },
    }, redemptionId);
  const cardsOf = (redemptionId: string) => sim.shop(shop.domain).giftCards.filter((card) => card.note === `loyalty-redemption:${redemptionId}`);
  const creditsOf = (customerNumericId: string) =>
    sim.shop(shop.domain).storeCreditAccounts.filter((a) => a.customerId === Number(customerNumericId)).flatMap((a) => a.transactions.filter((t) => t.kind === 'credit'));
  const redemptionRow = (id: string) => prisma().redemption.findUniqueOrThrow({ where: { id } });
  const balanceOf = async (memberId: string) => (await prisma().member.findUniqueOrThrow({ where: { id: memberId } })).balance;
  /** The issue task gave up for a reason other than Shopify (e.g. a bug failed every attempt). */
  const failIssueTaskForGood = (redemptionId: string) =>
    prisma().task.update({ where: { reference: `issue-reward:${redemptionId}` }, data: { status: 'failed', lockedBy: null, lockedUntil: null, lastError: 'TypeError: a bug' } });
  const staffAuth = async () => `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET })}`;

  describe('gift card', () => {
    it("issues one card and still knows its code when giftCardCreate's answer was lost and the client sent it again", async () => {
      const reward = await createReward(prisma(), shop.id, { pointsCost: 10 });
      const member = await createMemberWithPoints(prisma(), sim, shop, 100);
      sim.faults.add({ match: { operationName: 'LoyaltyGiftCardCreate' }, kind: 'http500', afterExecution: true, times: 1 });
      const response = await proxyRequest(testApp.app, sim, { method: 'post', path: '/redeem', shop: shop.domain, customerId: member.customerNumericId })
        .send({ rewardId: reward.id, idempotencyKey: randomUUID() });
      expect(response.status).toBe(201);
      const cards = cardsOf(response.body.redemption.id);
      expect(cards).toHaveLength(1);
      expect(response.body.code).toBe(cards[0]!.code);
      expect((await redemptionRow(response.body.redemption.id)).giftCardId).toBe(`gid://shopify/GiftCard/${cards[0]!.id}`);
    });
  });

  describe('store credit', () => {
    it('credits exactly once when Shopify applied the credit but its answer was lost, and the retry reconciles', async () => {
      const reward = await createReward(prisma(), shop.id, { type: 'store_credit', valueMinor: 750, pointsCost: 75 });
      const member = await createMemberWithPoints(prisma(), sim, shop, 100);
      sim.faults.add({ match: { operationName: 'LoyaltyStoreCreditAccountCredit' }, kind: 'http500', afterExecution: true, times: 1 });
      const response = await proxyRequest(testApp.app, sim, { method: 'post', path: '/redeem', shop: shop.domain, customerId: member.customerNumericId })
        .send({ rewardId: reward.id, idempotencyKey: randomUUID() });
      expect(response.status).toBe(202);
      expect(creditsOf(member.customerNumericId)).toHaveLength(1);
      await drainAt(2);
      const after = await redemptionRow(response.body.redemption.id);
      expect(after.status).toBe('issued');
      const credits = creditsOf(member.customerNumericId);
      expect(credits).toHaveLength(1);
      expect(after.giftCardId).toBe(`gid://shopify/StoreCreditAccountCreditTransaction/${credits[0]!.id}`);
      expect(sim.shop(shop.domain).storeCreditAccounts.find((a) => a.customerId === Number(member.customerNumericId))!.balance).toBe(750);
      expect(await balanceOf(member.id)).toBe(25);
      expect(await prisma().outboxMessage.count({ where: { memberId: member.id, event: 'gift_card_issued' } })).toBe(1);
    });

    it('credits exactly once when the process died after Shopify applied the credit, before recording it', async () => {
      const reward = await createReward(prisma(), shop.id, { type: 'store_credit', valueMinor: 500, pointsCost: 50 });
      const member = await createMemberWithPoints(prisma(), sim, shop, 100);
      const { redemption } = await redeemDirect(member.id, reward.id);
      await expect(attemptThatDiesAfterShopify(redemption.id)).rejects.toThrow('killed');
      expect(creditsOf(member.customerNumericId)).toHaveLength(1);
      expect((await redemptionRow(redemption.id)).giftCardId).toBeNull();
      await drainAt(0);
      const after = await redemptionRow(redemption.id);
      expect(after.status).toBe('issued');
      expect(creditsOf(member.customerNumericId)).toHaveLength(1);
      expect(after.giftCardId).toBe(`gid://shopify/StoreCreditAccountCreditTransaction/${creditsOf(member.customerNumericId)[0]!.id}`);
    });

    it("never adopts a credit of the same amount that is not ours (another redemption's, or one staff made by hand)", async () => {
      const reward = await createReward(prisma(), shop.id, { type: 'store_credit', valueMinor: 400, pointsCost: 10 });
      const member = await createMemberWithPoints(prisma(), sim, shop, 100);
      const first = await redeemDirect(member.id, reward.id);
      expect(await drainAt(0)).toMatchObject({ done: 1 });
      const account = sim.shop(shop.domain).storeCreditAccounts.find((a) => a.customerId === Number(member.customerNumericId))!;
      account.transactions.push({ id: 990_000 + account.transactions.length, kind: 'credit', amount: 400, balanceAfter: account.balance + 400, createdAt: new Date().toISOString(), expiresAt: null });
      account.balance += 400;
      const second = await redeemDirect(member.id, reward.id);
      // A retry of the second (attempt 2) finds the first's credit recorded and the manual one not ours.
      sim.faults.add({ match: { operationName: 'LoyaltyStoreCreditAccountCredit' }, kind: 'http500', times: 1 });
      await drainAt(0);
      await drainAt(2);
      const rows = await Promise.all([first.redemption.id, second.redemption.id].map(redemptionRow));
      expect(rows.map((row) => row.status)).toEqual(['issued', 'issued']);
      expect(new Set(rows.map((row) => row.giftCardId)).size).toBe(2);
      expect(creditsOf(member.customerNumericId)).toHaveLength(3);
    });
  });

  describe('sweeper', () => {
    it('records the card it finds by its note for a redemption stuck in issuing, creates no second card, and alerts staff', async () => {
      const reward = await createReward(prisma(), shop.id, { pointsCost: 100 });
      const member = await createMemberWithPoints(prisma(), sim, shop, 100);
      const { redemption } = await redeemDirect(member.id, reward.id);
      await expect(attemptThatDiesAfterShopify(redemption.id)).rejects.toThrow('killed');
      await failIssueTaskForGood(redemption.id);
      expect(await sweepAt(1)).toMatchObject({ recovered: 0, reversed: 0 });
      expect(await sweepAt(20)).toMatchObject({ recovered: 1, reversed: 0 });
      const after = await redemptionRow(redemption.id);
      expect(after.status).toBe('issued');
      expect(cardsOf(redemption.id)).toHaveLength(1);
      expect(after.giftCardId).toBe(`gid://shopify/GiftCard/${cardsOf(redemption.id)[0]!.id}`);
      expect(await balanceOf(member.id)).toBe(0);
      expect(await prisma().outboxMessage.count({ where: { memberId: member.id, event: 'gift_card_issued' } })).toBe(1);
      expect((await prisma().task.findUniqueOrThrow({ where: { reference: `issue-reward:${redemption.id}` } })).status).toBe('done');
      const alerts = await request(testApp.app).get('/api/alerts').set('Authorization', await staffAuth());
      expect(alerts.status).toBe(200);
      expect(alerts.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'redemption_recovered', subject: redemption.id })]));
      // Later sweeps and task runs change nothing.
      expect(await sweepAt(60)).toMatchObject({ recovered: 0, reversed: 0 });
      await drainAt(3);
      expect(cardsOf(redemption.id)).toHaveLength(1);
    });

    it('reverses a redemption stuck in issuing with no card on Shopify: points and stock back, customer told, staff alerted', async () => {
      const reward = await createReward(prisma(), shop.id, { pointsCost: 100, stockLimit: 3 });
      const member = await createMemberWithPoints(prisma(), sim, shop, 100);
      const { redemption } = await redeemDirect(member.id, reward.id);
      // A job process took it (attempt counted) and died before calling Shopify; the task then gave up.
      await prisma().redemption.update({ where: { id: redemption.id }, data: { status: 'issuing', attempts: 1 } });
      await failIssueTaskForGood(redemption.id);
      expect(await sweepAt(20)).toMatchObject({ recovered: 0, reversed: 1 });
      const after = await redemptionRow(redemption.id);
      expect(after.status).toBe('reversed');
      expect(await balanceOf(member.id)).toBe(100);
      expect(await prisma().ledgerEntry.findFirstOrThrow({ where: { memberId: member.id, type: 'reversal' } })).toMatchObject({ points: 100, reversesId: redemption.ledgerEntryId });
      expect((await prisma().giftCardReward.findUniqueOrThrow({ where: { id: reward.id } })).issuedCount).toBe(0);
      expect(await prisma().outboxMessage.count({ where: { memberId: member.id, event: 'reward_failed' } })).toBe(1);
      expect(cardsOf(redemption.id)).toHaveLength(0);
      const auth = await staffAuth();
      const alerts = await request(testApp.app).get('/api/alerts').set('Authorization', auth);
      const alert = alerts.body.items.find((item: { subject: string }) => item.subject === redemption.id);
      expect(alert).toMatchObject({ kind: 'redemption_reversed', acknowledgedAt: null });
      expect((await request(testApp.app).post(`/api/alerts/${alert.id}/acknowledge`).set('Authorization', auth)).status).toBe(204);
      const open = await request(testApp.app).get('/api/alerts').set('Authorization', auth);
      expect(open.body.items.some((item: { id: string }) => item.id === alert.id)).toBe(false);
      // Nothing issues it afterwards: the task is settled, a retried task finds nothing to do.
      await drainAt(3);
      expect(cardsOf(redemption.id)).toHaveLength(0);
      expect(await balanceOf(member.id)).toBe(100);
      expect((await findBalanceMismatches(prisma())).mismatches).toEqual([]);
    });

    it('records a store credit applied by a stuck redemption instead of returning the points', async () => {
      const reward = await createReward(prisma(), shop.id, { type: 'store_credit', valueMinor: 300, pointsCost: 30 });
      const member = await createMemberWithPoints(prisma(), sim, shop, 100);
      const { redemption } = await redeemDirect(member.id, reward.id);
      await expect(attemptThatDiesAfterShopify(redemption.id)).rejects.toThrow('killed');
      await failIssueTaskForGood(redemption.id);
      expect(await sweepAt(20)).toMatchObject({ recovered: 1 });
      expect((await redemptionRow(redemption.id)).status).toBe('issued');
      expect(creditsOf(member.customerNumericId)).toHaveLength(1);
      expect(await balanceOf(member.id)).toBe(70);
    });

    it('settles each stuck redemption once when several sweepers run at the same time', async () => {
      const reward = await createReward(prisma(), shop.id, { pointsCost: 10 });
      const member = await createMemberWithPoints(prisma(), sim, shop, 60);
      const stuck = [];
      for (let i = 0; i < 6; i += 1) {
        const { redemption } = await redeemDirect(member.id, reward.id);
        await prisma().redemption.update({ where: { id: redemption.id }, data: { status: 'issuing', attempts: 1 } });
        await failIssueTaskForGood(redemption.id);
        stuck.push(redemption.id);
      }
      const results = await Promise.all([sweepAt(20), sweepAt(20), sweepAt(20)]);
      expect(results.reduce((sum, result) => sum + Number(result.reversed), 0)).toBe(6);
      expect(await prisma().ledgerEntry.count({ where: { memberId: member.id, type: 'reversal' } })).toBe(6);
      expect(await prisma().staffAlert.count({ where: { subject: { in: stuck } } })).toBe(6);
      expect(await balanceOf(member.id)).toBe(60);
    });

    it('leaves alone redemptions whose task is queued or held under a live lease, and recent ones', async () => {
      const reward = await createReward(prisma(), shop.id, { pointsCost: 10 });
      const member = await createMemberWithPoints(prisma(), sim, shop, 100);
      const queued = await redeemDirect(member.id, reward.id);
      const held = await redeemDirect(member.id, reward.id);
      await prisma().task.update({ where: { reference: `issue-reward:${held.redemption.id}` }, data: { status: 'running', lockedBy: 'someone', lockedUntil: new Date(Date.now() + 3 * 3_600_000) } });
      const recent = await redeemDirect(member.id, reward.id);
      await failIssueTaskForGood(recent.redemption.id);
      expect(await sweepAt(1)).toMatchObject({ recovered: 0, reversed: 0 });
      expect((await redemptionRow(recent.redemption.id)).status).toBe('requested');
      expect(await sweepAt(20)).toMatchObject({ recovered: 0, reversed: 1 });
      const statuses = await Promise.all([queued, held].map(({ redemption }) => redemptionRow(redemption.id).then((row) => row.status)));
      expect(statuses).toEqual(['requested', 'requested']);
      expect((await redemptionRow(recent.redemption.id)).status).toBe('reversed');
    });
  });
});
