// Bulk operations in the simulator: the inner query is validated like any document, the operation goes
// CREATED -> RUNNING -> COMPLETED (or FAILED with an errorCode), and the JSONL puts nested connection
// nodes on lines of their own with __parentId, right after their parent.
import { CUSTOMERS_BULK_QUERY, pastOrdersBulkQuery } from '../../../web/shopify-admin/bulk-operations';
import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { failNextBulkOperation } from '../../simulator/bulk-operations';
import { seedShopHistory } from '../../fixtures/shop-history';
import { graphqlClient } from './admin-graphql-client';

const RUN = `mutation Run($query: String!) { bulkOperationRunQuery(query: $query, groupObjects: true) { bulkOperation { id status } userErrors { field message code } } }`;
const STATUS = `query Status($id: ID!) { node(id: $id) { ... on BulkOperation { id status errorCode objectCount rootObjectCount url } } }`;

describe('simulator bulk operations', () => {
  let sim: ShopifySimulator;
  let gql: ReturnType<typeof graphqlClient>;
  const shop = 'bulk-studio.myshopify.com';

  beforeAll(async () => {
    sim = await startShopifySimulator({ apiKey: 'k', apiSecret: 's' });
    const state = sim.addShop(shop, { name: 'Bulk Studio', currencyCode: 'EUR', ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'nl', giftCardIssueLimit: 500 });
    seedShopHistory(state, { customers: 20, orders: 60, from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z') });
    gql = graphqlClient(sim, shop, sim.issueAccessToken(shop));
  });
  afterAll(async () => sim.close());

  const finished = async (id: string) => {
    for (let i = 0; i < 100; i += 1) {
      const node = (await gql(STATUS, { id })).body.data!.node;
      if (node.status !== 'CREATED' && node.status !== 'RUNNING') return node;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('bulk operation did not finish');
  };

  it('refuses a bulk query that does not validate against the schema, or has no connection', async () => {
    const invalid = await gql(RUN, { query: '{ customers { edges { node { id noSuchField } } } }' });
    expect(invalid.body.data!.bulkOperationRunQuery).toMatchObject({ bulkOperation: null, userErrors: [{ field: ['query'], code: 'INVALID' }] });
    expect(invalid.body.data!.bulkOperationRunQuery.userErrors[0].message).toContain('noSuchField');
    const noConnection = await gql(RUN, { query: '{ shop { name } }' });
    expect(noConnection.body.data!.bulkOperationRunQuery.userErrors[0].message).toContain('at least one connection');
  });

  it('runs the customers export: CREATED first, then COMPLETED with one JSONL line per customer at its url', async () => {
    const started = (await gql(RUN, { query: CUSTOMERS_BULK_QUERY })).body.data!.bulkOperationRunQuery;
    expect(started).toMatchObject({ bulkOperation: { status: 'CREATED' }, userErrors: [] });
    const done = await finished(started.bulkOperation.id);
    expect(done).toMatchObject({ status: 'COMPLETED', errorCode: null, objectCount: '20', rootObjectCount: '20' });
    const lines = (await (await fetch(done.url)).text()).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(20);
    expect(Object.keys(lines[0]).sort()).toEqual(['amountSpent', 'createdAt', 'defaultEmailAddress', 'defaultPhoneNumber', 'firstName', 'id', 'lastName', 'lastOrder', 'locale', 'numberOfOrders', 'tags']);
  });

  it('puts each order\'s line items after it, with __parentId', async () => {
    const started = (await gql(RUN, { query: pastOrdersBulkQuery(new Date('2026-01-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z')) })).body.data!.bulkOperationRunQuery;
    const done = await finished(started.bulkOperation.id);
    const lines = (await (await fetch(done.url)).text()).trim().split('\n').map((line) => JSON.parse(line));
    expect(Number(done.rootObjectCount)).toBe(60);
    expect(lines.length).toBe(Number(done.objectCount));
    let parent: string | null = null;
    for (const line of lines) {
      if (line.__parentId === undefined) parent = line.id;
      else expect(line.__parentId).toBe(parent);
    }
    expect(lines.some((line) => line.__parentId && line.id.startsWith('gid://shopify/LineItem/'))).toBe(true);
  });

  it('ends FAILED with the error code a test asked for, and serves no file', async () => {
    failNextBulkOperation(sim.shop(shop), 'TIMEOUT');
    const started = (await gql(RUN, { query: CUSTOMERS_BULK_QUERY })).body.data!.bulkOperationRunQuery;
    expect(await finished(started.bulkOperation.id)).toMatchObject({ status: 'FAILED', errorCode: 'TIMEOUT', url: null });
  });
});
