import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { graphqlClient } from './admin-graphql-client';

const SHOP = 'faults.myshopify.com';
let sim: ShopifySimulator;
let gql: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  // A small bucket so a few mutations (10 points each) empty it.
  sim = await startShopifySimulator({ apiKey: 'k', apiSecret: 's', maximumAvailable: 30, restoreRate: 50 });
  sim.addShop(SHOP, { name: 'Faults', currencyCode: 'EUR', ianaTimezone: 'UTC', primaryLocale: 'en', giftCardIssueLimit: 500 });
  gql = graphqlClient(sim, SHOP, sim.issueAccessToken(SHOP));
});
afterAll(() => sim.close());
afterEach(() => sim.faults.clear());

const CREATE = 'mutation Create { giftCardCreate(input: { initialValue: "5" }) { giftCard { id } userErrors { code } } }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('cost throttling', () => {
  it('answers THROTTLED once the bucket is empty, executes nothing, and recovers at the restore rate', async () => {
    const responses = [await gql(CREATE), await gql(CREATE), await gql(CREATE), await gql(CREATE)];
    const throttled = responses.find((r) => r.body.errors?.[0]?.extensions?.code === 'THROTTLED');
    expect(throttled?.status).toBe(200);
    expect(throttled?.body.errors?.[0]).toEqual({ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } });
    expect(throttled?.body.extensions?.cost.throttleStatus.currentlyAvailable).toBeLessThan(10);
    expect(sim.shop(SHOP).giftCards).toHaveLength(responses.filter((r) => r.body.data).length);

    await sleep(400); // 50 points/s refills 20 points
    const recovered = await gql(CREATE);
    expect(recovered.body.errors).toBeUndefined();
    expect(recovered.body.extensions?.cost).toMatchObject({ requestedQueryCost: 10, actualQueryCost: 10 });
  });
});

describe('fault injection', () => {
  beforeEach(() => sleep(700)); // let the bucket refill between tests

  it('fails twice with HTTP 500 and then succeeds, without changing state while failing', async () => {
    sim.faults.add({ kind: 'http500', times: 2, match: { field: 'giftCardCreate' } });
    const before = sim.shop(SHOP).giftCards.length;
    expect((await gql(CREATE)).status).toBe(500);
    expect((await gql(CREATE)).status).toBe(500);
    expect(sim.shop(SHOP).giftCards.length).toBe(before);
    const third = await gql(CREATE);
    expect(third.status).toBe(200);
    expect(sim.shop(SHOP).giftCards.length).toBe(before + 1);
  });

  it('matches faults by operation name only', async () => {
    sim.faults.add({ kind: 'http502', match: { operationName: 'Other' } });
    expect((await gql(CREATE)).status).toBe(200);
  });

  it('holds the request open on timeout until the client gives up', async () => {
    sim.faults.add({ kind: 'timeout', times: 1 });
    const started = Date.now();
    await expect(gql('{ shop { name } }', undefined, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await gql('{ shop { name } }')).status).toBe(200);
  });

  it('resets the connection on networkReset', async () => {
    sim.faults.add({ kind: 'networkReset', times: 1 });
    await expect(gql('{ shop { name } }')).rejects.toThrow(/fetch failed/);
  });

  it('answers HTTP 429 with Retry-After on http429, executing nothing', async () => {
    sim.faults.add({ kind: 'http429', times: 1, match: { field: 'giftCardCreate' } });
    const before = sim.shop(SHOP).giftCards.length;
    const answer = await gql(CREATE);
    expect(answer.status).toBe(429);
    expect(sim.shop(SHOP).giftCards.length).toBe(before);
  });

  it('executes the mutation and then drops the connection on an afterExecution networkReset', async () => {
    sim.faults.add({ kind: 'networkReset', afterExecution: true, times: 1, match: { field: 'giftCardCreate' } });
    const before = sim.shop(SHOP).giftCards.length;
    await expect(gql(CREATE)).rejects.toThrow(/fetch failed/);
    expect(sim.shop(SHOP).giftCards.length).toBe(before + 1);
  });

  it('delays the answer on latency', async () => {
    sim.faults.add({ kind: 'latency', latencyMs: 200, times: 1 });
    const started = Date.now();
    expect((await gql('{ shop { name } }')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('answers THROTTLED on a throttled fault', async () => {
    sim.faults.add({ kind: 'throttled', times: 1 });
    expect((await gql('{ shop { name } }')).body.errors?.[0]?.extensions?.code).toBe('THROTTLED');
  });
});
