import { calculateOrderPoints, type EarningProgram } from '../../../web/core/earning/calculate-order-points';
import { defaultSpendTiers, pickSpendTier } from '../../../web/core/earning/spend-tiers';

const program: EarningProgram = { pointsPerCurrencyUnit: 1, rounding: 'down', pointsPerVisit: 0, earningMode: 'spend_tiers', spendTiers: [], currency: 'EUR' };

function pointsFor(lifetimeSpendMinor: number, eligibleMinor = 100_000, overrides: Partial<EarningProgram> = {}) {
  return calculateOrderPoints({
    program: { ...program, ...overrides },
    multipliers: [],
    lifetimeSpendMinor,
    orderProcessedAt: new Date('2026-11-20T10:00:00Z'),
    lines: [{ lineItemId: 'L1', productId: '1', quantity: 1, eligibleMinor, isGiftCard: false, loyalty: null }],
  });
}

describe('spend tiers (seed 001: 2% below 1000, 3% from 1000 to 3000, 5% above 3000)', () => {
  test.each([
    [999, 200, 20],
    [1000, 300, 30],
    [2999, 300, 30],
    [3000, 300, 30],
    [3001, 500, 50],
  ])('with %i EUR lifetime spend before the order, earns %i basis points (1000 EUR order -> %i points)', (spendEuros, basisPoints, points) => {
    const result = pointsFor(spendEuros * 100);
    expect(result.spendTier?.basisPoints).toBe(basisPoints);
    expect(result.totalPoints).toBe(points);
  });

  test('switches to 5% one cent above 3000 (3000.01 EUR)', () => {
    expect(pointsFor(300_001).spendTier?.basisPoints).toBe(500);
  });

  test('picks the tier by spend before this order, so an order crossing 1000 still earns 2% throughout', () => {
    expect(pointsFor(90_000, 50_000).totalPoints).toBe(10);
  });

  test('builds the default table in the shop currency (JPY has no decimals)', () => {
    expect(defaultSpendTiers('JPY')).toEqual([
      { fromMinor: 0, basisPoints: 200 },
      { fromMinor: 1000, basisPoints: 300 },
      { fromMinor: 3001, basisPoints: 500 },
    ]);
  });

  test('uses the shop\'s own table when it has one', () => {
    const tiers = [{ fromMinor: 0, basisPoints: 100 }, { fromMinor: 50_000, basisPoints: 1000 }];
    expect(pickSpendTier(tiers, 49_999, 'EUR').basisPoints).toBe(100);
    expect(pickSpendTier(tiers, 50_000, 'EUR').basisPoints).toBe(1000);
  });

  test('rounds the tier percentage with the programme rounding (2% of 10.99 = 0.2198)', () => {
    expect(pointsFor(0, 1099).totalPoints).toBe(0);
    expect(pointsFor(0, 1099, { rounding: 'up' }).totalPoints).toBe(1);
  });

  test('explains the tier in the basis', () => {
    expect(pointsFor(150_000).lines[0]?.basis).toBe('1000.00 EUR × 3% (spend tier from 1000.00 EUR) = 30');
  });
});
