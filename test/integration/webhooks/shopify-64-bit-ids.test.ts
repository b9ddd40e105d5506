// Every topic we subscribe to, with Shopify-shaped bodies whose ids are near 2^63, through the real
// /webhooks route and the task runner: each has its effect, and every id is stored digit for digit.
// (JSON.parse would read 9223372036854775807 and 9223372036854775806 as the same number.)
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { createShop } from '../../fixtures/factories';
import { readShopifyWebhook, toShopifyJson, type ShopifyWebhookFixture } from '../../fixtures/shopify-webhooks';
import { createTestApp, postWebhook } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

const ORDER = 'gid://shopify/Order/9223372036854775807';
const CUSTOMER = 'gid://shopify/Customer/9223372036854775800';
const LOCATION = 'gid://shopify/Location/9223372036854775799';
const CUT_LINE = 'gid://shopify/LineItem/9223372036854775806';
const OIL_LINE = 'gid://shopify/LineItem/9223372036854775805';

describeEachDatabase('Shopify webhooks with 64-bit ids', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  beforeAll(() => {
    testApp = createTestApp(getDb());
  });

  async function deliver(shopDomain: string, topic: string, body: Record<string, unknown>): Promise<void> {
    const rawBody = toShopifyJson(body);
    const response = await postWebhook(testApp.app, { shop: shopDomain, topic, rawBody });
    expect(response.status).toBe(200);
    await processDueTasks(testApp.jobContext());
    const failed = await getDb().prisma.task.findMany({ where: { shopDomain, status: { not: 'done' } }, select: { kind: true, status: true, lastError: true } });
    expect(failed).toEqual([]);
  }

  const fixture = (name: ShopifyWebhookFixture, shopDomain: string) => readShopifyWebhook(name, shopDomain);
  const order = (shopDomain: string, changes: Record<string, unknown> = {}) => ({ ...fixture('order', shopDomain), ...changes });
  const paidOrder = (shopDomain: string) => order(shopDomain, { financial_status: 'paid', updated_at: '2026-11-25T09:05:00+01:00' });

  async function entriesOf(shopId: string) {
    return getDb().prisma.ledgerEntry.findMany({ where: { shopId }, orderBy: [{ createdAt: 'asc' }, { points: 'desc' }], select: { lineItemId: true, orderId: true, locationId: true, points: true, status: true, availableAt: true } });
  }

  it('sends the ids as bare JSON integers, as Shopify does', () => {
    const body = toShopifyJson(order('example.myshopify.com'));
    expect(body).toContain('"id":9223372036854775807,');
    expect(body).toContain('"product_id":9223372036854775804,');
    expect(body).toContain('"variant_id":9223372036854775801,');
  });

  it('orders/create records the order, its lines and their product and variant ids exactly, and earns nothing yet', async () => {
    const shop = await createShop(getDb().prisma);
    await deliver(shop.domain, 'orders/create', order(shop.domain));
    const record = await getDb().prisma.orderRecord.findFirstOrThrow({ where: { shopId: shop.id }, include: { lines: { orderBy: { shopifyLineItemId: 'desc' } } } });
    expect(record.shopifyOrderId).toBe(ORDER);
    expect(record.locationId).toBe(LOCATION);
    expect(record.lines.map((line) => [line.shopifyLineItemId, line.productId, line.variantId])).toEqual([
      [CUT_LINE, 'gid://shopify/Product/9223372036854775804', 'gid://shopify/ProductVariant/9223372036854775802'],
      [OIL_LINE, 'gid://shopify/Product/9223372036854775803', 'gid://shopify/ProductVariant/9223372036854775801'],
    ]);
    expect(await entriesOf(shop.id)).toEqual([]);
  });

  it('orders/paid earns one pending entry per line, keyed by the exact line item ids, for the exact customer', async () => {
    const shop = await createShop(getDb().prisma);
    await deliver(shop.domain, 'orders/paid', paidOrder(shop.domain));
    const member = await getDb().prisma.member.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(member).toMatchObject({ shopifyCustomerId: CUSTOMER, pendingPoints: 134, lifetimeSpendMinor: 13400n });
    expect((await entriesOf(shop.id)).map(({ lineItemId, orderId, locationId, points, status }) => ({ lineItemId, orderId, locationId, points, status }))).toEqual([
      { lineItemId: CUT_LINE, orderId: ORDER, locationId: LOCATION, points: 89, status: 'pending' },
      { lineItemId: OIL_LINE, orderId: ORDER, locationId: LOCATION, points: 45, status: 'pending' },
    ]);
  });

  it('orders/updated that says paid after orders/create earns, once', async () => {
    const shop = await createShop(getDb().prisma);
    await deliver(shop.domain, 'orders/create', order(shop.domain));
    await deliver(shop.domain, 'orders/updated', paidOrder(shop.domain));
    await deliver(shop.domain, 'orders/updated', paidOrder(shop.domain));
    expect((await entriesOf(shop.id)).map((entry) => [entry.lineItemId, entry.points])).toEqual([[CUT_LINE, 89], [OIL_LINE, 45]]);
  });

  it('orders/fulfilled starts the delay of a product credited on fulfilment', async () => {
    const shop = await createShop(getDb().prisma);
    await getDb().prisma.programSettings.upsert({ where: { shopId: shop.id }, create: { shopId: shop.id, productCreditTrigger: 'fulfilled' }, update: { productCreditTrigger: 'fulfilled' } });
    await deliver(shop.domain, 'orders/paid', paidOrder(shop.domain));
    const waiting = (await entriesOf(shop.id)).filter((entry) => entry.availableAt === null);
    expect(waiting.map((entry) => entry.lineItemId).sort()).toEqual([OIL_LINE, CUT_LINE].sort());
    await deliver(shop.domain, 'orders/fulfilled', order(shop.domain, { financial_status: 'paid', fulfillment_status: 'fulfilled', updated_at: '2026-11-25T10:00:00+01:00' }));
    expect((await entriesOf(shop.id)).every((entry) => entry.availableAt !== null)).toBe(true);
    expect((await getDb().prisma.orderRecord.findFirstOrThrow({ where: { shopId: shop.id, shopifyOrderId: ORDER } })).fulfilledAt).not.toBeNull();
  });

  it('orders/cancelled voids the pending points of the exact order', async () => {
    const shop = await createShop(getDb().prisma);
    await deliver(shop.domain, 'orders/paid', paidOrder(shop.domain));
    await deliver(shop.domain, 'orders/cancelled', order(shop.domain, { financial_status: 'refunded', cancelled_at: '2026-11-25T09:30:00+01:00', cancel_reason: 'customer', updated_at: '2026-11-25T09:30:00+01:00' }));
    expect((await entriesOf(shop.id)).map((entry) => entry.status)).toEqual(['voided', 'voided']);
    expect(await getDb().prisma.member.findFirstOrThrow({ where: { shopId: shop.id, shopifyCustomerId: CUSTOMER } })).toMatchObject({ pendingPoints: 0, balance: 0 });
  });

  it('refunds/create finds the order and the line by their exact ids and voids in proportion', async () => {
    const shop = await createShop(getDb().prisma);
    await deliver(shop.domain, 'orders/paid', paidOrder(shop.domain));
    await deliver(shop.domain, 'refunds/create', fixture('refund', shop.domain));
    const entries = await entriesOf(shop.id);
    expect(entries.filter((entry) => entry.lineItemId === OIL_LINE).map((entry) => [entry.points, entry.status])).toEqual([[45, 'voided'], [30, 'pending']]);
    expect(entries.filter((entry) => entry.lineItemId === CUT_LINE).map((entry) => [entry.points, entry.status])).toEqual([[89, 'pending']]);
    const record = await getDb().prisma.orderRecord.findFirstOrThrow({ where: { shopId: shop.id, shopifyOrderId: ORDER } });
    expect(JSON.parse(record.refundIds)).toEqual(['gid://shopify/Refund/9223372036854775798']);
  });

  it('customers/create and customers/update keep one member under the exact customer id', async () => {
    const shop = await createShop(getDb().prisma);
    await deliver(shop.domain, 'customers/create', fixture('customer', shop.domain));
    await deliver(shop.domain, 'customers/update', { ...fixture('customer', shop.domain), email: 'john.smith@example.com', updated_at: '2026-11-25T08:30:00+01:00' });
    const members = await getDb().prisma.member.findMany({ where: { shopId: shop.id } });
    expect(members.map((member) => [member.shopifyCustomerId, member.email])).toEqual([[CUSTOMER, 'john.smith@example.com']]);
  });

  it('customers/data_request and customers/redact reach the exact customer: the data request is processed, the redaction erases that customer only', async () => {
    const shop = await createShop(getDb().prisma);
    await deliver(shop.domain, 'customers/create', fixture('customer', shop.domain));
    // A neighbour whose id JSON.parse cannot tell apart from the redacted customer's.
    await getDb().prisma.member.create({ data: { shopId: shop.id, shopifyCustomerId: 'gid://shopify/Customer/9223372036854775808', email: 'neighbour@example.com' } });
    await deliver(shop.domain, 'customers/data_request', fixture('customers-data-request', shop.domain));
    await deliver(shop.domain, 'customers/redact', fixture('customers-redact', shop.domain));
    const members = await getDb().prisma.member.findMany({ where: { shopId: shop.id }, orderBy: { shopifyCustomerId: 'asc' }, select: { shopifyCustomerId: true, email: true, firstName: true } });
    expect(members).toEqual([
      { shopifyCustomerId: CUSTOMER, email: null, firstName: null },
      { shopifyCustomerId: 'gid://shopify/Customer/9223372036854775808', email: 'neighbour@example.com', firstName: null },
    ]);
  });

  it('app/uninstalled (a shop object with 64-bit ids) marks the shop uninstalled and removes its sessions', async () => {
    const shop = await createShop(getDb().prisma);
    await saveOfflineSession(getDb().prisma, { shop: shop.domain, accessToken: 'x', scope: null });
    await deliver(shop.domain, 'app/uninstalled', { ...fixture('app-uninstalled', shop.domain), myshopify_domain: shop.domain });
    expect((await getDb().prisma.shop.findUniqueOrThrow({ where: { id: shop.id } })).uninstalledAt).not.toBeNull();
    expect(await getDb().prisma.session.count({ where: { shop: shop.domain } })).toBe(0);
  });

  it('shop/redact erases the shop', async () => {
    const shop = await createShop(getDb().prisma);
    await deliver(shop.domain, 'orders/paid', paidOrder(shop.domain));
    await deliver(shop.domain, 'shop/redact', fixture('shop-redact', shop.domain));
    expect(await getDb().prisma.shop.count({ where: { id: shop.id } })).toBe(0);
    expect(await getDb().prisma.ledgerEntry.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it('refuses, without writing anything, an order whose admin_graphql_api_id names another order than its id', async () => {
    const shop = await createShop(getDb().prisma);
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'orders/paid', rawBody: toShopifyJson({ ...paidOrder(shop.domain), admin_graphql_api_id: 'gid://shopify/Order/9223372036854775808' }) });
    await processDueTasks(testApp.jobContext());
    const task = await getDb().prisma.task.findFirstOrThrow({ where: { shopDomain: shop.domain } });
    expect(task).toMatchObject({ status: 'failed', lastError: expect.stringContaining('does not name Order 9223372036854775807') });
    expect(await getDb().prisma.orderRecord.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it('refuses, without writing anything, an order whose line item id was already rounded to a JS number', async () => {
    const shop = await createShop(getDb().prisma);
    const body = order(shop.domain);
    // What a JSON.parse upstream would have made of the id: a number beyond 2^53, no longer the id.
    const rounded = JSON.stringify({ ...body, line_items: body.line_items.map((line: Record<string, unknown>) => ({ ...line, id: 9223372036854775807, admin_graphql_api_id: undefined })) });
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'orders/paid', rawBody: rounded.replace(/"id":9223372036854776000/g, '"id":9.223372036854776e18') });
    await processDueTasks(testApp.jobContext());
    const task = await getDb().prisma.task.findFirstOrThrow({ where: { shopDomain: shop.domain } });
    expect(task.status).toBe('failed');
    expect(task.lastError).toMatch(/line_items\.0\.id/);
    expect(await getDb().prisma.orderRecord.count({ where: { shopId: shop.id } })).toBe(0);
  });
});
