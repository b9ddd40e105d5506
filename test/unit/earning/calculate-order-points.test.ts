import { calculateOrderPoints, type EarningLine, type EarningProgram, type OrderPointsInput } from '../../../web/core/earning/calculate-order-points';
import type { DateRangeMultiplier } from '../../../web/core/earning/applicable-multipliers';

const program: EarningProgram = { pointsPerCurrencyUnit: 1, rounding: 'down', pointsPerVisit: 0, earningMode: 'rate', spendTiers: [], currency: 'EUR' };
const processedAt = new Date('2026-11-20T10:00:00Z');

function line(overrides: Partial<EarningLine> = {}): EarningLine {
  return { lineItemId: 'L1', productId: 'gid://shopify/Product/1', quantity: 1, eligibleMinor: 1099, isGiftCard: false, loyalty: null, ...overrides };
}

type Overrides = Partial<Omit<OrderPointsInput, 'program'>> & { program?: Partial<EarningProgram> };

function calculate(overrides: Overrides = {}) {
  const { program: programOverrides, ...rest } = overrides;
  return calculateOrderPoints({
    multipliers: [],
    lifetimeSpendMinor: 0,
    orderProcessedAt: processedAt,
    lines: [line()],
    ...rest,
    program: { ...program, ...programOverrides },
  });
}

const pointsOf = (overrides: Overrides) => calculate(overrides).lines.map((l) => l.points);

describe('calculateOrderPoints: rate and rounding', () => {
  test('rounds 10.99 EUR at 1 point per euro down to 10 (the default)', () => {
    expect(calculate().totalPoints).toBe(10);
  });

  test('rounds 10.99 to 11 with rounding "nearest"', () => {
    expect(calculate({ program: { rounding: 'nearest' } }).totalPoints).toBe(11);
  });

  test('rounds 10.99 to 11 with rounding "up"', () => {
    expect(calculate({ program: { rounding: 'up' } }).totalPoints).toBe(11);
  });

  test('rounds exactly half up with "nearest" (10.50 -> 11) and 10.49 down to 10', () => {
    expect(pointsOf({ program: { rounding: 'nearest' }, lines: [line({ eligibleMinor: 1050 }), line({ lineItemId: 'L2', eligibleMinor: 1049 })] })).toEqual([11, 10]);
  });

  test('does not round up an exact amount with "up" (11.00 -> 11)', () => {
    expect(calculate({ program: { rounding: 'up' }, lines: [line({ eligibleMinor: 1100 })] }).totalPoints).toBe(11);
  });

  test('multiplies by points per currency unit before rounding (10.99 × 3 = 32.97 -> 32)', () => {
    expect(calculate({ program: { pointsPerCurrencyUnit: 3 } }).totalPoints).toBe(32);
  });

  test('uses the currency exponent: 1099 JPY earns 1099 points, 10.999 KWD earns 10', () => {
    expect(calculate({ program: { currency: 'JPY' } }).totalPoints).toBe(1099);
    expect(calculate({ program: { currency: 'KWD' }, lines: [line({ eligibleMinor: 10999 })] }).totalPoints).toBe(10);
  });

  test('earns on the line amount for all units, not per unit (3 × 3.33 = 9.99 -> 9)', () => {
    expect(calculate({ lines: [line({ quantity: 3, eligibleMinor: 999 })] }).totalPoints).toBe(9);
  });

  test('rounds each line separately (two lines of 0.60 earn 0, not 1)', () => {
    expect(calculate({ lines: [line({ eligibleMinor: 60 }), line({ lineItemId: 'L2', eligibleMinor: 60 })] }).totalPoints).toBe(0);
  });

  test('earns nothing at a rate of 0 points per unit', () => {
    expect(calculate({ program: { pointsPerCurrencyUnit: 0 } }).totalPoints).toBe(0);
  });

  test('explains the calculation in the basis', () => {
    expect(calculate().lines[0]?.basis).toBe('10.99 EUR × 1 point/EUR = 10.99 → 10 (rounded down)');
  });
});

describe('calculateOrderPoints: gift cards, disabled and fixed lines', () => {
  test('never gives points for a gift-card line', () => {
    const result = calculate({ lines: [line({ isGiftCard: true, eligibleMinor: 5000 })] });
    expect(result.lines[0]).toMatchObject({ points: 0, rule: 'gift_card' });
    expect(result.totalPoints).toBe(0);
  });

  test('gives no points to a gift card even with a fixed-points loyalty tab', () => {
    expect(pointsOf({ lines: [line({ isGiftCard: true, loyalty: { enabled: true, pointsMode: 'fixed', fixedPoints: 50, multiplierPercent: 100 } })] })).toEqual([0]);
  });

  test('gives 0 points to a line whose loyalty tab is switched off', () => {
    const result = calculate({ lines: [line({ loyalty: { enabled: false, pointsMode: 'rate', fixedPoints: 0, multiplierPercent: 100 } })] });
    expect(result.lines[0]).toMatchObject({ points: 0, rule: 'disabled' });
  });

  test('gives fixed points per unit, ignoring the price (2 × 25)', () => {
    const result = calculate({ lines: [line({ quantity: 2, eligibleMinor: 12345, loyalty: { enabled: true, pointsMode: 'fixed', fixedPoints: 25, multiplierPercent: 100 } })] });
    expect(result.lines[0]).toMatchObject({ points: 50, rule: 'fixed' });
  });

  test('uses the programme rate for a "rate" loyalty tab', () => {
    expect(pointsOf({ lines: [line({ loyalty: { enabled: true, pointsMode: 'rate', fixedPoints: 999, multiplierPercent: 100 } })] })).toEqual([10]);
  });

  test('uses fixed points even in spend_tiers mode', () => {
    expect(pointsOf({ program: { earningMode: 'spend_tiers' }, lines: [line({ loyalty: { enabled: true, pointsMode: 'fixed', fixedPoints: 30, multiplierPercent: 100 } })] })).toEqual([30]);
  });
});

describe('calculateOrderPoints: multipliers', () => {
  const weekend: DateRangeMultiplier = { name: 'Double weekend', multiplierPercent: 200, startsAt: new Date('2026-11-21T00:00:00Z'), endsAt: new Date('2026-11-23T00:00:00Z') };
  const duringWeekend = new Date('2026-11-21T12:00:00Z');

  test('applies the product multiplier (150% of 10.99 = 16.485 -> 16)', () => {
    expect(pointsOf({ lines: [line({ loyalty: { enabled: true, pointsMode: 'rate', fixedPoints: 0, multiplierPercent: 150 } })] })).toEqual([16]);
  });

  test('rounds once after multiplying: double points on 10.99 is 21, not 2 × 10', () => {
    expect(pointsOf({ multipliers: [weekend], orderProcessedAt: duringWeekend })).toEqual([21]);
  });

  test('combines product and date-range multipliers multiplicatively (150% × 200% = 300%)', () => {
    const result = calculate({
      multipliers: [weekend],
      orderProcessedAt: duringWeekend,
      lines: [line({ eligibleMinor: 1000, loyalty: { enabled: true, pointsMode: 'rate', fixedPoints: 0, multiplierPercent: 150 } })],
    });
    expect(result.lines[0]).toMatchObject({ points: 30, multiplierPercents: [150, 200] });
    expect(result.lines[0]?.basis).toBe('10.00 EUR × 1 point/EUR × 150% (product) × 200% (Double weekend) = 30');
  });

  test('combines overlapping date-range multipliers multiplicatively', () => {
    const extra: DateRangeMultiplier = { multiplierPercent: 150, startsAt: new Date('2026-11-01T00:00:00Z'), endsAt: new Date('2026-12-01T00:00:00Z') };
    expect(pointsOf({ multipliers: [weekend, extra], orderProcessedAt: duringWeekend, lines: [line({ eligibleMinor: 1000 })] })).toEqual([30]);
  });

  test('applies a multiplier to fixed points and rounds with the programme mode (5 × 150% = 7.5 -> 7)', () => {
    expect(pointsOf({ lines: [line({ loyalty: { enabled: true, pointsMode: 'fixed', fixedPoints: 5, multiplierPercent: 150 } })] })).toEqual([7]);
  });

  test('ignores a date-range multiplier that is not running at the order time', () => {
    expect(pointsOf({ multipliers: [weekend], orderProcessedAt: new Date('2026-11-24T12:00:00Z') })).toEqual([10]);
  });

  test('treats the multiplier end as exclusive and its start as inclusive', () => {
    expect(pointsOf({ multipliers: [weekend], orderProcessedAt: weekend.endsAt, lines: [line({ eligibleMinor: 1000 })] })).toEqual([10]);
    expect(pointsOf({ multipliers: [weekend], orderProcessedAt: weekend.startsAt, lines: [line({ eligibleMinor: 1000 })] })).toEqual([20]);
  });

  test('uses a service line\'s appointment start, not the order time, for date-range multipliers', () => {
    const result = calculate({
      multipliers: [weekend],
      orderProcessedAt: new Date('2026-11-10T09:00:00Z'),
      lines: [line({ eligibleMinor: 1000, appointmentStart: duringWeekend }), line({ lineItemId: 'L2', eligibleMinor: 1000 })],
    });
    expect(result.lines.map((l) => l.points)).toEqual([20, 10]);
    expect(result.lines[0]?.earnedAt).toEqual(duringWeekend);
  });

  test('applies a product-specific multiplier only to that product, matching GID and numeric ids', () => {
    const productOnly: DateRangeMultiplier = { ...weekend, productId: '1' };
    const result = calculate({
      multipliers: [productOnly],
      orderProcessedAt: duringWeekend,
      lines: [line({ eligibleMinor: 1000 }), line({ lineItemId: 'L2', productId: 'gid://shopify/Product/2', eligibleMinor: 1000 })],
    });
    expect(result.lines.map((l) => l.points)).toEqual([20, 10]);
  });

  test('applies a member (group/tier) multiplier', () => {
    expect(pointsOf({ memberMultiplierPercent: 125, lines: [line({ eligibleMinor: 1000 })] })).toEqual([12]);
  });

  test('gives 0 points with a 0% product multiplier', () => {
    expect(pointsOf({ lines: [line({ loyalty: { enabled: true, pointsMode: 'rate', fixedPoints: 0, multiplierPercent: 0 } })] })).toEqual([0]);
  });
});

describe('calculateOrderPoints: per-visit points', () => {
  test('adds the visit points once per order, not per line', () => {
    const result = calculate({ program: { pointsPerVisit: 5 }, lines: [line(), line({ lineItemId: 'L2' })] });
    expect(result.visitPoints).toBe(5);
    expect(result.totalPoints).toBe(25);
  });

  test('gives no visit points to an order of only gift cards', () => {
    expect(calculate({ program: { pointsPerVisit: 5 }, lines: [line({ isGiftCard: true })] }).totalPoints).toBe(0);
  });

  test('gives no visit points when every line is switched off', () => {
    const off = { enabled: false, pointsMode: 'rate' as const, fixedPoints: 0, multiplierPercent: 100 };
    expect(calculate({ program: { pointsPerVisit: 5 }, lines: [line({ loyalty: off })] }).visitPoints).toBe(0);
  });

  test('gives visit points when a line can earn even if its points round to 0', () => {
    expect(calculate({ program: { pointsPerVisit: 5, pointsPerCurrencyUnit: 0 } }).totalPoints).toBe(5);
  });

  test('gives no visit points to an empty order', () => {
    expect(calculate({ program: { pointsPerVisit: 5 }, lines: [] }).totalPoints).toBe(0);
  });
});

describe('calculateOrderPoints: input checks', () => {
  test('rejects a fractional amount, which means a float leaked in', () => {
    expect(() => calculate({ lines: [line({ eligibleMinor: 10.99 })] })).toThrow(/eligibleMinor of line L1/);
  });

  test('rejects a negative quantity', () => {
    expect(() => calculate({ lines: [line({ quantity: -1 })] })).toThrow(/quantity/);
  });

  test('stays exact for very large amounts (bigint arithmetic)', () => {
    const result = calculate({ program: { pointsPerCurrencyUnit: 1000 }, multipliers: [], memberMultiplierPercent: 1000, lines: [line({ eligibleMinor: 9_000_000_000_01 })] });
    expect(result.totalPoints).toBe(90_000_000_000_100);
  });
});
