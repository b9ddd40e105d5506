// The simulator's customer tags, segments and automatic discounts: Shopify's rules the app relies on.
import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { segmentsAndDiscountsOf } from '../../simulator/segments-and-discounts';
import { graphqlClient } from './admin-graphql-client';

const SHOP = 'demo-salon.myshopify.com';
let sim: ShopifySimulator;
let gql: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  sim = await startShopifySimulator({ apiKey: 'test-key', apiSecret: 'test-secret', maximumAvailable: 2000, restoreRate: 20000 });
  sim.warmSchema();
  sim.seedDemoShop(SHOP);
  gql = graphqlClient(sim, SHOP, sim.issueAccessToken(SHOP));
});
afterAll(() => sim.close());

describe('customer tags, segments and automatic discounts in the simulator', () => {
  it('adds tags once whatever their case, removes them case-insensitively, and serves them to nodes', async () => {
    const customer = sim.shop(SHOP).customers[0]!;
    customer.tags = ['Regular'];
    const id = `gid://shopify/Customer/${customer.id}`;
    const add = await gql(`mutation Add($id: ID!) { tagsAdd(id: $id, tags: ["loyalty-gold", "regular", "LOYALTY-GOLD, vip"]) { node { id } userErrors { message } } }`, { id });
    expect(add.body.data?.tagsAdd.userErrors).toEqual([]);
    expect(customer.tags).toEqual(['Regular', 'loyalty-gold', 'vip']);
    await gql(`mutation Remove($id: ID!) { tagsRemove(id: $id, tags: ["VIP", "absent"]) { userErrors { message } } }`, { id });
    const read = await gql(`query Tags($ids: [ID!]!) { nodes(ids: $ids) { ... on Customer { id tags } } }`, { ids: [id] });
    expect(read.body.data?.nodes).toEqual([{ id, tags: ['Regular', 'loyalty-gold'] }]);
    const missing = await gql(`mutation { tagsAdd(id: "gid://shopify/Customer/1", tags: ["x"]) { node { id } userErrors { field message } } }`);
    expect(missing.body.data?.tagsAdd).toEqual({ node: null, userErrors: [{ field: ['id'], message: 'Resource not found' }] });
  });

  it('keeps segment names unique, checks the query, and limits a discount to existing segments', async () => {
    const create = (name: string, query: string) =>
      gql(`mutation S($name: String!, $query: String!) { segmentCreate(name: $name, query: $query) { segment { id name query } userErrors { field message } } }`, { name, query });
    const gold = await create('Loyalty group: Gold', "customer_tags CONTAINS 'loyalty-gold'");
    const segmentId = gold.body.data?.segmentCreate.segment.id as string;
    expect(segmentId).toMatch(/^gid:\/\/shopify\/Segment\/\d+$/);
    expect((await create('loyalty group: gold', "customer_tags CONTAINS 'x'")).body.data?.segmentCreate.userErrors).toEqual([{ field: ['name'], message: 'Name has already been taken' }]);
    expect((await create('Other', 'SELECT *')).body.data?.segmentCreate.userErrors).toEqual([{ field: ['query'], message: 'Query is invalid' }]);

    const discount = (segment: string, percentage: number) => gql(`mutation D($d: DiscountAutomaticBasicInput!) {
      discountAutomaticBasicCreate(automaticBasicDiscount: $d) { automaticDiscountNode { id } userErrors { field code message } } }`,
    { d: { title: 'Gold: 20% member discount', startsAt: '2026-11-30T00:00:00Z', tags: ['loyalty-group-1'], context: { customerSegments: { add: [segment] } }, customerGets: { value: { percentage }, items: { all: true } } } });
    expect((await discount('gid://shopify/Segment/999999', 0.2)).body.data?.discountAutomaticBasicCreate.userErrors[0]).toMatchObject({ code: 'INVALID' });
    expect((await discount(segmentId, 20)).body.data?.discountAutomaticBasicCreate.userErrors[0]).toMatchObject({ code: 'VALUE_OUTSIDE_RANGE' });
    const made = await discount(segmentId, 0.2);
    const discountId = made.body.data?.discountAutomaticBasicCreate.automaticDiscountNode.id as string;
    const found = await gql(`query F { discountNodes(first: 5, query: "tag:'loyalty-group-1' method:automatic") { nodes { id discount { ... on DiscountAutomaticBasic { title context { ... on DiscountCustomerSegments { segments { id } } } customerGets { value { ... on DiscountPercentage { percentage } } } } } } } }`);
    expect(found.body.data?.discountNodes.nodes).toEqual([{ id: discountId, discount: { title: 'Gold: 20% member discount', context: { segments: [{ id: segmentId }] }, customerGets: { value: { percentage: 0.2 } } } }]);
    const deleted = await gql(`mutation X($id: ID!) { discountAutomaticDelete(id: $id) { deletedAutomaticDiscountId userErrors { message } } }`, { id: discountId });
    expect(deleted.body.data?.discountAutomaticDelete.deletedAutomaticDiscountId).toBe(discountId);
    expect(segmentsAndDiscountsOf(sim.shop(SHOP)).discounts).toEqual([]);
  });
});
