import { minorUnitsFromColumn } from '../../../web/core/money';

describe('minorUnitsFromColumn', () => {
  it('reads a BIGINT money column (bigint, number or digit text) as an exact number of minor units', () => {
    expect(minorUnitsFromColumn(2_500_000_000n)).toBe(2_500_000_000);
    expect(minorUnitsFromColumn(2_500_000_000)).toBe(2_500_000_000);
    expect(minorUnitsFromColumn('2500000000')).toBe(2_500_000_000);
    expect(minorUnitsFromColumn(-1250n)).toBe(-1250);
    expect(minorUnitsFromColumn(9_007_199_254_740_991n)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a value it cannot hold exactly instead of rounding it', () => {
    expect(() => minorUnitsFromColumn(9_007_199_254_740_993n)).toThrow(RangeError);
    expect(() => minorUnitsFromColumn('9223372036854775807')).toThrow(RangeError);
    expect(() => minorUnitsFromColumn(12.5)).toThrow(RangeError);
    expect(() => minorUnitsFromColumn('12.5')).toThrow(RangeError);
  });
});
