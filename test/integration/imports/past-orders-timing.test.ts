// Past orders credit like any other at the rules in force: a service whose appointment (plus the delay)
// is past is posted at once, without a message to the customer; one booked for later stays pending until
// its time; an order the webhooks already credited is skipped.
import { applyPastOrders, readPastOrders } from '../../../web/core/imports/backfill-past-orders';
import { createImportJob, findImportJob } from '../../../web/core/imports/import-job-store';
import { readLines } from '../../../web/core/imports/read-lines';
import { createShop } from '../../fixtures/factories';
import { describeEachDatabase } from '../../support/test-database';

const order = (id: number, customer: number, processedAt: string) =>
  JSON.stringify({ id: `gid://shopify/Order/${id}`, name: `#${id}`, processedAt, updatedAt: processedAt, cancelledAt: null, currencyCode: 'EUR',
    displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'UNFULFILLED', customer: { id: `gid://shopify/Customer/${customer}` } });
const line = (id: number, orderId: number, title: string, amount: string, properties: Array<[string, string]> = []) =>
  JSON.stringify({ id: `gid://shopify/LineItem/${id}`, title, quantity: 1, currentQuantity: 1, isGiftCard: false, product: null, variant: null,
    customAttributes: properties.map(([key, value]) => ({ key, value })), discountedTotalSet: { shopMoney: { amount, currencyCode: 'EUR' } }, __parentId: `gid://shopify/Order/${orderId}` });

describeEachDatabase('points for past orders, timing', (getDb) => {
  it('posts a past appointment at once, keeps a future one pending, and sends no message for history', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const jsonl = [
      order(501, 91, '2026-03-01T10:00:00Z'), line(5011, 501, 'Haircut', '40.00', [['Date', '02-03-2026'], ['Time', '10:00 - 11:00']]),
      order(502, 92, '2026-11-20T10:00:00Z'), line(5021, 502, 'Massage', '70.00', [['Date', '15-01-2027'], ['Time', '14:00 - 15:00']]),
      order(503, 91, '2026-04-01T10:00:00Z'), line(5031, 503, 'Shampoo', '12.00'),
    ].join('\n');
    const job = await createImportJob(db, { shopId: shop.id, kind: 'past_orders', status: 'running' });
    const now = new Date('2026-11-30T12:00:00Z');
    const progress = await applyPastOrders(db, shop.id, job.id, readPastOrders(readLines([jsonl])), now);
    expect(progress).toMatchObject({ processed: 6, orders: 3 });
    expect((await findImportJob(db, job.id))?.processed).toBe(6);
    const entries = await db.prisma.ledgerEntry.findMany({ where: { shopId: shop.id }, orderBy: { points: 'asc' } });
    expect(entries.map((e) => [e.description, e.points, e.status])).toEqual([['Shampoo (#503)', 12, 'posted'], ['Haircut (#501)', 40, 'posted'], ['Massage (#502)', 70, 'pending']]);
    expect(entries.find((e) => e.points === 70)?.availableAt?.toISOString()).toBe('2027-01-15T17:00:00.000Z'); // 15:00 Amsterdam (14:00 UTC) + 3 h
    const members = await db.prisma.member.findMany({ where: { shopId: shop.id }, orderBy: { shopifyCustomerId: 'asc' }, select: { balance: true, pendingPoints: true, lifetimeSpendMinor: true } });
    // Spend is not counted again (the customer import takes it from Shopify).
    expect(members.map((m) => [m.balance, m.pendingPoints, Number(m.lifetimeSpendMinor)])).toEqual([[52, 0, 0], [0, 70, 0]]);
    expect(await db.prisma.outboxMessage.count({ where: { shopId: shop.id } })).toBe(0);

    // Run again from the start: nothing more.
    const again = await createImportJob(db, { shopId: shop.id, kind: 'past_orders', status: 'running' });
    expect(await applyPastOrders(db, shop.id, again.id, readPastOrders(readLines([jsonl])), now)).toMatchObject({ orders: 0, pointsRecorded: 0 });
    expect(await db.prisma.ledgerEntry.count({ where: { shopId: shop.id } })).toBe(3);
  });

  it('refuses a JSONL whose line items do not follow their order', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const job = await createImportJob(db, { shopId: shop.id, kind: 'past_orders', status: 'running' });
    const jsonl = [order(601, 93, '2026-03-01T10:00:00Z'), line(6011, 699, 'Haircut', '40.00')].join('\n');
    await expect(applyPastOrders(db, shop.id, job.id, readPastOrders(readLines([jsonl])), new Date())).rejects.toThrow('group objects');
  });
});
