import { formatMinorAsDecimal, majorUnitsToMinor, minorToWholeMajorUnits } from '../../../web/core/money/format-money';
import { parseMoneyToMinor } from '../../../web/core/money/parse-money';
import { money } from '../../../web/core/money/money';

describe('formatMinorAsDecimal', () => {
  test.each([
    [1099, 'EUR', '10.99'],
    [5, 'EUR', '0.05'],
    [0, 'EUR', '0.00'],
    [-550, 'EUR', '-5.50'],
    [1000, 'JPY', '1000'],
    [1234, 'KWD', '1.234'],
    [7, 'BHD', '0.007'],
  ])('formats %i %s as %p', (minor, currency, text) => {
    expect(formatMinorAsDecimal(minor, currency)).toBe(text);
  });

  test('round-trips with parseMoneyToMinor', () => {
    for (const [minor, currency] of [[123456, 'EUR'], [987, 'JPY'], [100001, 'KWD']] as const) {
      expect(parseMoneyToMinor(formatMinorAsDecimal(minor, currency), currency)).toBe(minor);
    }
  });

  test('refuses a fractional minor amount, which means a float leaked in', () => {
    expect(() => formatMinorAsDecimal(10.5, 'EUR')).toThrow(/whole number of minor units/);
  });
});

describe('minor/major conversions', () => {
  test('counts whole major units, truncating the cents (1099 EUR -> 10)', () => {
    expect(minorToWholeMajorUnits(1099, 'EUR')).toBe(10);
    expect(minorToWholeMajorUnits(1099, 'JPY')).toBe(1099);
    expect(minorToWholeMajorUnits(-1099, 'EUR')).toBe(-10);
  });

  test('stays exact near the largest safe integer', () => {
    expect(minorToWholeMajorUnits(Number.MAX_SAFE_INTEGER, 'EUR')).toBe(90071992547409);
  });

  test('converts major units to minor units per currency', () => {
    expect([majorUnitsToMinor(1000, 'EUR'), majorUnitsToMinor(1000, 'JPY'), majorUnitsToMinor(1000, 'KWD')]).toEqual([100000, 1000, 1000000]);
  });

  test('builds a Money value with a normalized currency code', () => {
    expect(money(1099, 'eur')).toEqual({ amountMinor: 1099, currency: 'EUR' });
  });
});
