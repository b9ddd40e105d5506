import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { graphqlClient } from './admin-graphql-client';

const SHOP = 'demo-salon.myshopify.com';
let sim: ShopifySimulator;
let gql: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
    // A Plus-sized bucket so paging through every order is not throttled; throttling has its own file.
  sim = await startShopifySimulator({ apiKey: 'test-key', apiSecret: 'test-secret', maximumAvailable: 2000, restoreRate: 20000 });
  const { buildMs } = sim.warmSchema();
  console.info(`buildSchema took ${buildMs} ms`);
  sim.seedDemoShop(SHOP);
  gql = graphqlClient(sim, SHOP, sim.issueAccessToken(SHOP));
});
afterAll(() => sim.close());

describe('admin GraphQL endpoint', () => {
  it('answers a valid query with the real schema shapes and a cost extension', async () => {
    const { status, body } = await gql(`query ShopInfo {
      shop { id name currencyCode ianaTimezone myshopifyDomain plan { displayName shopifyPlus } }
      shopLocales { locale primary }
      giftCardConfiguration { issueLimit { amount currencyCode } purchaseLimit { amount currencyCode } }
    }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.shop).toMatchObject({ name: 'Demo Salon & Studio', currencyCode: 'EUR', ianaTimezone: 'Europe/Amsterdam', myshopifyDomain: SHOP });
    expect(body.data?.shopLocales).toEqual([{ locale: 'en', primary: true }]);
    expect(body.data?.giftCardConfiguration.issueLimit).toEqual({ amount: '2000.0', currencyCode: 'EUR' });
    expect(body.extensions?.cost.throttleStatus).toMatchObject({ maximumAvailable: 2000, restoreRate: 20000 });
  });

  it('rejects a document with an unknown field with Shopify-style errors and executes nothing', async () => {
    const before = sim.shop(SHOP).giftCards.length;
    const { status, body } = await gql(`mutation Bad { giftCardCreate(input: { initialValue: "5" }) { giftCard { id secretCode } userErrors { field } } }`);
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]).toMatchObject({
      message: "Field 'secretCode' doesn't exist on type 'GiftCard'",
      path: ['mutation Bad', 'giftCardCreate', 'giftCard', 'secretCode'],
      extensions: { code: 'undefinedField', typeName: 'GiftCard', fieldName: 'secretCode' },
    });
    expect(sim.shop(SHOP).giftCards.length).toBe(before);
  });

  it('reports syntax errors and bad variables as errors with status 200', async () => {
    expect((await gql('query { shop { name }')).body.errors?.[0]?.message).toMatch(/^syntax error/);
    const bad = await gql('query P($id: ID!) { product(id: $id) { id } }', {});
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('INVALID_VARIABLE');
  });

  it('answers valid but unmodelled root fields with NOT_IMPLEMENTED', async () => {
    const { body } = await gql('{ abandonedCheckouts(first: 1) { nodes { id } } }');
    expect(body.errors?.[0]).toMatchObject({ message: 'Simulator does not implement abandonedCheckouts', extensions: { code: 'NOT_IMPLEMENTED' } });
  });

  it('creates a gift card with 2026-07 initialAmount and reveals the full code only once', async () => {
    const created = await gql(
      `mutation Create($input: GiftCardCreateInput!) { giftCardCreate(input: $input) {
        giftCard { id balance { amount currencyCode } initialValue { amount } maskedCode lastCharacters expiresOn note customer { id } createdAt enabled deactivatedAt }
        giftCardCode userErrors { field message code } } }`,
      { input: { initialAmount: { amount: '25.00', currencyCode: 'EUR' }, note: 'loyalty-redemption:r-1', expiresOn: '2027-12-31', customerId: `gid://shopify/Customer/${sim.shop(SHOP).customers[0]!.id}` } },
    );
    const payload = created.body.data?.giftCardCreate;
    expect(payload.userErrors).toEqual([]);
    expect(payload.giftCard).toMatchObject({ balance: { amount: '25.0', currencyCode: 'EUR' }, enabled: true, deactivatedAt: null, expiresOn: '2027-12-31' });
    expect(payload.giftCardCode).toMatch(/^[a-z0-9]{16}$/);
    expect(payload.giftCard.lastCharacters).toBe(payload.giftCardCode.slice(-4));

    const read = await gql('query Read($id: ID!) { giftCard(id: $id) { id maskedCode lastCharacters balance { amount } } }', { id: payload.giftCard.id });
    expect(read.body.data?.giftCard.maskedCode).toBe(`•••• •••• •••• ${payload.giftCardCode.slice(-4)}`);
    expect(JSON.stringify(read.body)).not.toContain(payload.giftCardCode);

    const byNote = await gql('query Find($q: String!) { giftCards(first: 5, query: $q) { nodes { id note } } }', { q: "note:'loyalty-redemption:r-1'" });
    expect(byNote.body.data?.giftCards.nodes).toEqual([{ id: payload.giftCard.id, note: 'loyalty-redemption:r-1' }]);

    const deactivated = await gql('mutation D($id: ID!) { giftCardDeactivate(id: $id) { giftCard { enabled deactivatedAt } userErrors { code } } }', { id: payload.giftCard.id });
    expect(deactivated.body.data?.giftCardDeactivate.giftCard.enabled).toBe(false);
  });

  it('refuses a gift card over the issue limit with GIFT_CARD_LIMIT_EXCEEDED and stores nothing', async () => {
    const before = sim.shop(SHOP).giftCards.length;
    const { body } = await gql(
      `mutation Over($input: GiftCardCreateInput!) { giftCardCreate(input: $input) { giftCard { id } giftCardCode userErrors { field code message } } }`,
      { input: { initialAmount: { amount: '2000.01', currencyCode: 'EUR' } } },
    );
    expect(body.data?.giftCardCreate).toEqual({
      giftCard: null,
      giftCardCode: null,
      userErrors: [{ field: ['input', 'initialAmount', 'amount'], code: 'GIFT_CARD_LIMIT_EXCEEDED', message: "can't exceed €2,000.00 EUR" }],
    });
    expect(sim.shop(SHOP).giftCards.length).toBe(before);
  });

  it('pages through orders with cursors and serves customer, line items and properties', async () => {
    const query = `query Orders($after: String) { orders(first: 25, after: $after) {
      nodes { id name createdAt processedAt displayFinancialStatus cancelledAt currentSubtotalPriceSet { shopMoney { amount currencyCode } }
        customer { id } lineItems(first: 5) { nodes { id title quantity product { id } variant { id } customAttributes { key value } discountedTotalSet { shopMoney { amount } } originalTotalSet { shopMoney { amount } } } } }
      pageInfo { hasNextPage endCursor } } }`;
    const seen: Array<{ name: string; customAttributes: unknown }> = [];
    let after: string | null = null;
    for (let page = 0; page < 40; page += 1) {
      const { body }: { body: any } = await gql(query, { after });
      // Each page costs ~600 points; like the app, wait for the bucket when throttled.
      if (body.errors?.[0]?.extensions?.code === 'THROTTLED') {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      expect(body.errors).toBeUndefined();
      seen.push(...body.data.orders.nodes);
      if (!body.data.orders.pageInfo.hasNextPage) break;
      after = body.data.orders.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(200);
    expect(new Set(seen.map((o) => o.name)).size).toBe(200);
    expect(JSON.stringify(seen)).toContain('_appointment_start');
  });

  it('credits and debits store credit, creating the account from a customer id', async () => {
    const customerId = `gid://shopify/Customer/${sim.shop(SHOP).customers[1]!.id}`;
    const credit = await gql(
      `mutation C($id: ID!, $input: StoreCreditAccountCreditInput!) { storeCreditAccountCredit(id: $id, creditInput: $input) {
        storeCreditAccountTransaction { amount { amount currencyCode } balanceAfterTransaction { amount } account { id owner { ... on Customer { id } } } } userErrors { field code message } } }`,
      { id: customerId, input: { creditAmount: { amount: '7.50', currencyCode: 'EUR' } } },
    );
    const transaction = credit.body.data?.storeCreditAccountCredit.storeCreditAccountTransaction;
    expect(transaction).toMatchObject({ amount: { amount: '7.5', currencyCode: 'EUR' }, account: { owner: { id: customerId } } });
    const debit = await gql(
      `mutation D($id: ID!, $input: StoreCreditAccountDebitInput!) { storeCreditAccountDebit(id: $id, debitInput: $input) {
        storeCreditAccountTransaction { amount { amount } balanceAfterTransaction { amount } } userErrors { field code message } } }`,
      { id: transaction.account.id, input: { debitAmount: { amount: '10.00', currencyCode: 'EUR' } } },
    );
    expect(debit.body.data?.storeCreditAccountDebit.userErrors[0]?.code).toBe('INSUFFICIENT_FUNDS');
    const read = await gql('query R($id: ID!) { customer(id: $id) { storeCreditAccounts(first: 5) { nodes { balance { amount } } } } }', { id: customerId });
    expect(read.body.data?.customer.storeCreditAccounts.nodes).toEqual([{ balance: { amount: '7.5' } }]);
  });

  it('stores metafields on their owner', async () => {
    const customer = sim.shop(SHOP).customers[2]!;
    const { body } = await gql(
      `mutation M($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { key value } userErrors { code } } }`,
      { m: [{ ownerId: `gid://shopify/Customer/${customer.id}`, namespace: '$app:loyalty', key: 'points', type: 'number_integer', value: '120' }] },
    );
    expect(body.data?.metafieldsSet).toEqual({ metafields: [{ key: 'points', value: '120' }], userErrors: [] });
    expect(customer.metafields[0]).toMatchObject({ namespace: '$app:loyalty', key: 'points', value: '120' });
  });

  it('refuses a single query costing more than the bucket holds with MAX_COST_EXCEEDED', async () => {
    const { body } = await gql('{ orders(first: 250) { nodes { id customer { id } lineItems(first: 10) { nodes { id product { id } } } } } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('MAX_COST_EXCEEDED');
  });

  it('accepts the shop from the Host header or X-Shopify-Shop-Domain, and rejects unknown tokens', async () => {
    const token = sim.issueAccessToken(SHOP);
    const viaHeader = await fetch(`${sim.url}/admin/api/2026-07/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': token, 'X-Shopify-Shop-Domain': SHOP },
      body: JSON.stringify({ query: '{ shop { name } }' }),
    });
    expect(viaHeader.status).toBe(200);
    const forged = await fetch(`${sim.url}/shops/${SHOP}/admin/api/2026-07/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': 'shpat_forged' },
      body: JSON.stringify({ query: '{ shop { name } }' }),
    });
    expect(forged.status).toBe(401);
  });
});
