// What customers see of tiers: their tier, its benefits and "€150 more to Gold" (the next tier's
// threshold minus their spend over the tier period), through the app proxy (theme widget) and the
// extensions' API; and their birthday, entered once with consent.
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ShopifySimulator } from '../../simulator';
import { TEST_API_KEY, TEST_API_SECRET, type TestApp } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';
import { addToGroup, createGroup } from '../../fixtures/groups';
import { createMemberWithPoints, proxyRequest, startRewardsTestbed } from '../rewards/rewards-fixtures';

function customerToken(shop: string, customerId: string): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: `https://${shop}`, dest: shop, aud: TEST_API_KEY, sub: `gid://shopify/Customer/${customerId}`, exp: now + 300, nbf: now - 1, iat: now - 1, jti: randomUUID() };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${input}.${createHmac('sha256', TEST_API_SECRET).update(input).digest('base64url')}`;
}

describeEachDatabase('tiers and birthday for customers', (getDb) => {
  let sim: ShopifySimulator;
  let testApp: TestApp;
  let shop: { id: string; domain: string };

  beforeAll(async () => ({ sim, testApp, shop } = await startRewardsTestbed(getDb())));
  afterAll(() => sim.close());

  const paidOrder = (memberId: string, eligibleMinor: bigint, processedAt: Date) =>
    getDb().prisma.orderRecord.create({
      data: { shopId: shop.id, shopifyOrderId: `gid://shopify/Order/${randomUUID()}`, memberId, currency: 'EUR', eligibleMinor, processedAt, shopifyUpdatedAt: processedAt, paidAt: processedAt },
    });

  it('answers the tier, its benefits and the way to the next tier over this calendar year, on both surfaces', async () => {
    const prisma = getDb().prisma;
    const silver = await createGroup(prisma, shop.id, { name: 'Silver', tierRank: 1, tierThreshold: 0n, benefitKind: 'discount', benefitDiscountPercent: 10 });
    await createGroup(prisma, shop.id, { name: 'Gold', tierRank: 2, tierThreshold: 100_000n, benefitKind: 'discount', benefitDiscountPercent: 20 });
    await createGroup(prisma, shop.id, { name: 'Platinum', tierRank: 3, tierThreshold: 300_000n, benefitKind: 'bonus', benefitMultiplierPercent: 200 });
    const member = await createMemberWithPoints(prisma, sim, shop, 10);
    await addToGroup(prisma, silver, member.id, 'tier');
    const thisYear = new Date(Date.UTC(new Date().getUTCFullYear(), 0, 15));
    await paidOrder(member.id, 60_000n, thisYear);
    await paidOrder(member.id, 25_000n, new Date());
    // Last year's spend does not count towards this year's tier.
    await paidOrder(member.id, 90_000n, new Date(Date.UTC(new Date().getUTCFullYear() - 1, 5, 1)));

    const balance = await proxyRequest(testApp.app, sim, { path: '/balance', shop: shop.domain, customerId: member.customerNumericId });
    expect(balance.status).toBe(200);
    expect(balance.body.tier).toEqual({
      name: 'Silver', colour: '#8a8a8a', benefits: [{ kind: 'discount', percent: 10 }], metric: 'spend', period: 'calendar_year', reached: 85_000, currency: 'EUR',
      next: { name: 'Gold', benefits: [{ kind: 'discount', percent: 20 }], threshold: 100_000, remaining: 15_000 },
    });
    const summary = await request(testApp.app).get('/ext/customer/summary').set('Authorization', `Bearer ${customerToken(shop.domain, member.customerNumericId)}`);
    expect(summary.status).toBe(200);
    expect(summary.body.balance.tier).toEqual(balance.body.tier);
    expect(summary.body.balance.birthday).toBeNull();
  });

  it('takes the birthday once, with consent, and refuses a second change with a clear message', async () => {
    const prisma = getDb().prisma;
    const member = await createMemberWithPoints(prisma, sim, shop, 0);
    const send = (body: object) => proxyRequest(testApp.app, sim, { method: 'post', path: '/birthday', shop: shop.domain, customerId: member.customerNumericId }).send(body);
    expect((await send({ month: 4, day: 12 })).status).toBe(400);
    expect((await send({ month: 2, day: 30, consent: true })).status).toBe(400);
    const saved = await send({ month: 4, day: 12, consent: true });
    expect([saved.status, saved.body.birthday]).toEqual([200, '04-12']);
    const again = await request(testApp.app).post('/ext/customer/birthday').set('Authorization', `Bearer ${customerToken(shop.domain, member.customerNumericId)}`).send({ month: 5, day: 1, consent: true });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already saved/);
    const stored = await prisma.member.findUniqueOrThrow({ where: { id: member.id } });
    expect([stored.birthMonth, stored.birthDay, stored.birthYear, stored.birthdaySource]).toEqual([4, 12, null, 'customer']);
    const balance = await proxyRequest(testApp.app, sim, { path: '/balance', shop: shop.domain, customerId: member.customerNumericId });
    expect(balance.body.birthday).toBe('04-12');
  });
});
