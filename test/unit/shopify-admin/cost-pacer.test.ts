import { CostPacer } from '../../../web/shopify-admin/cost-pacer';

describe('cost pacer', () => {
  const cost = (currentlyAvailable: number) => ({ requestedQueryCost: 100, actualQueryCost: 100, throttleStatus: { maximumAvailable: 1000, currentlyAvailable, restoreRate: 100 } });

  it('waits for the bucket to refill before a request it cannot afford, and reserves points for concurrent callers', async () => {
    let now = 0;
    const slept: number[] = [];
    const pacer = new CostPacer(async (ms) => {
      slept.push(ms);
      now += ms;
    }, () => now);
    await pacer.waitFor(100);
    expect(slept).toEqual([]);
    pacer.record(cost(150));
    // 150 left: the first caller of 100 goes at once, the second waits 0.5 s for the 50 missing points.
    await Promise.all([pacer.waitFor(100), pacer.waitFor(100)]);
    expect(slept).toEqual([500]);
    now += 2000;
    await pacer.waitFor(100);
    expect(slept).toEqual([500]);
  });

  it('never asks for more than the bucket holds', async () => {
    let now = 0;
    const slept: number[] = [];
    const pacer = new CostPacer(async (ms) => void slept.push(ms), () => now);
    pacer.record(cost(0));
    await pacer.waitFor(5000);
    expect(slept).toEqual([10_000]);
  });
});
