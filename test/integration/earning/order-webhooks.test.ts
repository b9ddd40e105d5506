// Orders through the real webhook endpoint and the task runner, into the ledger.
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { postDueCredits } from '../../../web/core/ledger/post-due-credits';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { createShop } from '../../fixtures/factories';
import { orderPayload, refundPayload } from '../../fixtures/order-payloads';
import { createTestApp, postWebhook } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('earning from order webhooks', (getDb) => {
  let shopDomain: string;
  let shopId: string;
  let testApp: ReturnType<typeof createTestApp>;
  let customerSeq = 9000;

  beforeAll(async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'nl' });
    shopDomain = shop.domain;
    shopId = shop.id;
    testApp = createTestApp(db);
  });

  const drain = () => processDueTasks(testApp.jobContext());
  const memberOf = (customerId: number) => getDb().prisma.member.findFirst({ where: { shopId, shopifyCustomerId: `gid://shopify/Customer/${customerId}` } });
  const entriesOf = async (customerId: number) => {
    const member = await memberOf(customerId);
    return member ? getDb().prisma.ledgerEntry.findMany({ where: { memberId: member.id }, orderBy: { createdAt: 'asc' } }) : [];
  };

  it('credits a service booked tomorrow 14:00-15:00 at 18:00 shop time with a 3 h delay, not a minute before', async () => {
    const customerId = ++customerSeq;
    const order = orderPayload({
      customerId,
      lines: [{ title: 'Colour & cut', price: '89.99', properties: [{ name: 'Date', value: '26-11-2026' }, { name: 'Time', value: '14:00 - 15:00' }] }],
    });
    expect((await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/paid', payload: order })).status).toBe(200);
    await drain();
    const [entry] = await entriesOf(customerId);
    expect(entry).toMatchObject({ status: 'pending', points: 89, type: 'earn' });
    // 18:00 in Amsterdam on 26 November is 17:00 UTC.
    expect(entry!.availableAt!.toISOString()).toBe('2026-11-26T17:00:00.000Z');
    await postDueCredits(getDb(), { now: new Date('2026-11-26T16:59:00Z') });
    expect((await memberOf(customerId))).toMatchObject({ balance: 0, pendingPoints: 89 });
    await postDueCredits(getDb(), { now: new Date('2026-11-26T17:00:00Z') });
    expect((await memberOf(customerId))).toMatchObject({ balance: 89, pendingPoints: 0 });
  });

  it('turns 20 concurrent deliveries of the same webhook into one effect', async () => {
    const customerId = ++customerSeq;
    const order = orderPayload({ customerId, lines: [{ price: '30.00' }] });
    const responses = await Promise.all(Array.from({ length: 20 }, () => postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/paid', payload: order, webhookId: `dup-${order.id}` })));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(await getDb().prisma.webhookDelivery.count({ where: { webhookId: `dup-${order.id}` } })).toBe(1);
    await drain();
    const entries = await entriesOf(customerId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.points).toBe(30);
  });

  it('gives one effect for the same order through orders/create then orders/paid (and again orders/updated)', async () => {
    const customerId = ++customerSeq;
    const pendingOrder = orderPayload({ customerId, financialStatus: 'pending', lines: [{ price: '50.00' }] });
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/create', payload: pendingOrder });
    await drain();
    expect(await entriesOf(customerId)).toHaveLength(0);
    const paid = { ...pendingOrder, financial_status: 'paid', updated_at: '2026-11-25T09:05:00+01:00' };
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/paid', payload: paid });
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/updated', payload: paid });
    await drain();
    const entries = await entriesOf(customerId);
    expect(entries.map((e) => [e.points, e.status])).toEqual([[50, 'pending']]);
  });

  it('posts nothing for a booking cancelled before credit, even when the cancellation arrives first', async () => {
    const customerId = ++customerSeq;
    const order = orderPayload({ customerId, lines: [{ price: '60.00' }] });
    const cancelled = { ...order, cancelled_at: '2026-11-25T09:30:00+01:00', updated_at: '2026-11-25T09:30:00+01:00', financial_status: 'refunded' };
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/cancelled', payload: cancelled });
    await drain();
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/paid', payload: order });
    await drain();
    await postDueCredits(getDb(), { now: new Date('2027-01-01T00:00:00Z') });
    const member = await memberOf(customerId);
    expect(member).toMatchObject({ balance: 0, pendingPoints: 0 });
    expect((await entriesOf(customerId)).filter((e) => e.status !== 'voided')).toHaveLength(0);
  });

  it('voids pending points in proportion to a partial refund', async () => {
    const customerId = ++customerSeq;
    const order = orderPayload({ customerId, lines: [{ title: 'Yoga class', quantity: 4, price: '25.00' }] });
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/paid', payload: order });
    await drain();
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'refunds/create', payload: refundPayload(order, [{ index: 0, quantity: 1, subtotal: '25.00' }]) });
    await drain();
    const entries = await entriesOf(customerId);
    expect(entries.map((e) => [e.points, e.status])).toEqual([[100, 'voided'], [75, 'pending']]);
    expect(await memberOf(customerId)).toMatchObject({ pendingPoints: 75, balance: 0, lifetimeSpendMinor: 7500n });
  });

  it('claws back credited points with a reversal linked to the original after a refund', async () => {
    const customerId = ++customerSeq;
    const order = orderPayload({ customerId, lines: [{ quantity: 2, price: '40.00' }] });
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/paid', payload: order });
    await drain();
    await postDueCredits(getDb(), { now: new Date('2027-01-01T00:00:00Z') });
    expect(await memberOf(customerId)).toMatchObject({ balance: 80 });
    const refund = refundPayload(order, [{ index: 0, quantity: 1, subtotal: '40.00' }]);
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'refunds/create', payload: refund });
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/updated', payload: { ...order, updated_at: '2026-11-25T12:00:00Z', refunds: [refund] } });
    await drain();
    const entries = await entriesOf(customerId);
    const reversal = entries.find((e) => e.type === 'reversal')!;
    expect(reversal).toMatchObject({ points: -40, status: 'posted', reversesId: entries[0]!.id });
    expect(entries.filter((e) => e.type === 'reversal')).toHaveLength(1);
    expect(await memberOf(customerId)).toMatchObject({ balance: 40 });
  });

  it('ignores an older orders/updated that arrives after a newer one', async () => {
    const customerId = ++customerSeq;
    const order = orderPayload({ customerId, lines: [{ price: '20.00' }], updatedAt: '2026-11-25T10:00:00Z' });
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/updated', payload: { ...order, financial_status: 'paid' } });
    await drain();
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/updated', payload: { ...order, financial_status: 'pending', fulfillment_status: 'partial', updated_at: '2026-11-25T08:00:00Z' } });
    await drain();
    const record = await getDb().prisma.orderRecord.findFirstOrThrow({ where: { shopId, shopifyOrderId: `gid://shopify/Order/${order.id}` } });
    expect(record.financialStatus).toBe('paid');
    expect(record.fulfillmentStatus).toBe('');
  });

  it('never lets gift-card lines earn', async () => {
    const customerId = ++customerSeq;
    const order = orderPayload({ customerId, lines: [{ title: 'Gift card', price: '50.00', giftCard: true }, { price: '10.99' }] });
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/paid', payload: order });
    await drain();
    expect((await entriesOf(customerId)).map((e) => e.points)).toEqual([10]);
  });

  it('flags a line whose appointment cannot be read and earns from the order time', async () => {
    const customerId = ++customerSeq;
    const order = orderPayload({ customerId, processedAt: '2026-11-25T09:00:00Z', lines: [{ title: 'Massage', price: '70.00', properties: [{ name: 'Booking date', value: 'next Tuesday-ish' }] }] });
    await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/paid', payload: order });
    await drain();
    const [entry] = await entriesOf(customerId);
    expect(entry!.availableAt!.toISOString()).toBe('2026-11-25T12:00:00.000Z');
    const line = await getDb().prisma.orderLine.findFirstOrThrow({ where: { shopId, title: 'Massage', appointmentStatus: 'unparseable' } });
    expect(JSON.parse(line.rawProperties)).toEqual([{ name: 'Booking date', value: 'next Tuesday-ish' }]);
  });

  it('answers 401 to a forged HMAC and stores nothing', async () => {
    const before = await getDb().prisma.webhookDelivery.count();
    const response = await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/paid', payload: orderPayload({ lines: [{}] }), secret: 'not-the-secret' });
    expect(response.status).toBe(401);
    expect(await getDb().prisma.webhookDelivery.count()).toBe(before);
    expect(await getDb().prisma.task.count({ where: { shopDomain } })).toBeGreaterThan(0);
  });

  it('stores an authentic but malformed payload, fails its task visibly and writes nothing else', async () => {
    const ordersBefore = await getDb().prisma.orderRecord.count();
    const response = await postWebhook(testApp.app, { shop: shopDomain, topic: 'orders/paid', payload: { id: 1, line_items: 'not a list' }, webhookId: 'malformed-1' });
    expect(response.status).toBe(200);
    await drain();
    expect(await getDb().prisma.orderRecord.count()).toBe(ordersBefore);
    const failed = await getDb().prisma.task.findFirstOrThrow({ where: { reference: `webhook:${shopDomain}:malformed-1` } });
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatch(/malformed orders\/paid payload/);
  });

  it('keeps every cached balance equal to the sum of its posted entries', async () => {
    expect((await findBalanceMismatches(getDb().prisma)).mismatches).toEqual([]);
  });
});
