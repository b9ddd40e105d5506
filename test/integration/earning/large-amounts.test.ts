// Money is 64-bit: amounts beyond 2^31 minor units (21.5 million in a two-decimal currency) earn
// like any other, on both databases.
import { postDueCredits } from '../../../web/core/ledger/post-due-credits';
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { createShop } from '../../fixtures/factories';
import { orderPayload } from '../../fixtures/order-payloads';
import { createTestApp, postWebhook } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('earning on amounts beyond 32 bits', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  beforeAll(() => {
    testApp = createTestApp(getDb());
  });

  async function payOrder(shopDomain: string, order: ReturnType<typeof orderPayload>): Promise<void> {
    expect((await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/paid', payload: order })).status).toBe(200);
    await processDueTasks(testApp.jobContext());
    const unfinished = await getDb().prisma.task.findMany({ where: { shopDomain, status: { not: 'done' } }, select: { status: true, lastError: true } });
    expect(unfinished).toEqual([]);
  }

  it('an IDR order of 25,000,000.00 (2,500,000,000 minor units) earns 25,000,000 points', async () => {
    const shop = await createShop(getDb().prisma, { currency: 'IDR', ianaTimezone: 'Asia/Jakarta' });
    const order = orderPayload({ customerId: 4242, currency: 'IDR', lines: [{ title: 'Wedding package', price: '25000000.00' }] });
    await payOrder(shop.domain, order);
    const record = await getDb().prisma.orderRecord.findFirstOrThrow({ where: { shopId: shop.id }, include: { lines: true } });
    expect(record.eligibleMinor).toBe(2_500_000_000n);
    expect(record.lines.map((line) => line.eligibleMinor)).toEqual([2_500_000_000n]);
    const member = await getDb().prisma.member.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(member).toMatchObject({ pendingPoints: 25_000_000, lifetimeSpendMinor: 2_500_000_000n });
    await postDueCredits(getDb(), { now: new Date('2027-01-01T00:00:00Z') });
    expect(await getDb().prisma.member.findFirstOrThrow({ where: { shopId: shop.id } })).toMatchObject({ balance: 25_000_000, pendingPoints: 0 });
    expect((await findBalanceMismatches(getDb().prisma)).mismatches).toEqual([]);
  });

  it('a member whose lifetime spend passes 2^31 minor units keeps earning, and a cancellation takes the spend back exactly', async () => {
    const shop = await createShop(getDb().prisma, { currency: 'IDR', ianaTimezone: 'Asia/Jakarta' });
    const orders = [0, 1, 2].map(() => orderPayload({ customerId: 4343, currency: 'IDR', lines: [{ title: 'Retreat', price: '9000000.00' }] }));
    for (const order of orders) await payOrder(shop.domain, order);
    const member = await getDb().prisma.member.findFirstOrThrow({ where: { shopId: shop.id } });
    // 3 x 900,000,000 minor units: the running total crossed 2,147,483,647 with the third order.
    expect(member).toMatchObject({ pendingPoints: 27_000_000, lifetimeSpendMinor: 2_700_000_000n });
    const last = orders[2]!;
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'orders/cancelled', payload: { ...last, cancelled_at: '2026-11-25T10:00:00+01:00', updated_at: '2026-11-25T10:00:00+01:00', financial_status: 'refunded' } });
    await processDueTasks(testApp.jobContext());
    expect(await getDb().prisma.member.findFirstOrThrow({ where: { shopId: shop.id } })).toMatchObject({ pendingPoints: 18_000_000, lifetimeSpendMinor: 1_800_000_000n });
  });
});
