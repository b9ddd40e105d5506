import { AppError } from '../../../web/core/errors/app-error';
import { parseMoneyToMinor } from '../../../web/core/money/parse-money';

describe('parseMoneyToMinor', () => {
  test.each([
    ['10.99', 'EUR', 1099],
    ['10.9', 'EUR', 1090],
    ['10', 'EUR', 1000],
    ['0.01', 'EUR', 1],
    ['0', 'EUR', 0],
    ['1000', 'JPY', 1000],
    ['1000.00', 'JPY', 1000],
    ['1.234', 'KWD', 1234],
    ['1.2', 'KWD', 1200],
    ['-5.50', 'EUR', -550],
    ['0.10', 'usd', 10],
    ['  12.30 ', 'EUR', 1230],
    ['0.29', 'EUR', 29],
    ['1.005', 'BHD', 1005],
  ])('parses %p %s as %i minor units', (amount, currency, minor) => {
    expect(parseMoneyToMinor(amount, currency)).toBe(minor);
  });

  test('is exact where floating point is not (0.29 * 100 = 28.999…)', () => {
    expect(0.29 * 100).not.toBe(29);
    expect(parseMoneyToMinor('0.29', 'EUR')).toBe(29);
  });

  test('never returns negative zero', () => {
    expect(Object.is(parseMoneyToMinor('-0.00', 'EUR'), 0)).toBe(true);
  });

  test.each(['', 'abc', '1,000.00', '10,99', '1e3', '10.', '.5', '+5', '--1', '10.99 EUR', 'NaN'])(
    'rejects the malformed amount %p with a VALIDATION error',
    (amount) => {
      expect(() => parseMoneyToMinor(amount, 'EUR')).toThrow(AppError);
      expect(() => parseMoneyToMinor(amount, 'EUR')).toThrow(/not a decimal amount/);
    },
  );

  test('rejects more significant decimals than the currency has instead of rounding', () => {
    expect(() => parseMoneyToMinor('10.995', 'EUR')).toThrow(/more decimals than EUR allows \(2\)/);
    expect(() => parseMoneyToMinor('100.5', 'JPY')).toThrow(/JPY allows \(0\)/);
  });

  test('rejects amounts too large to represent exactly', () => {
    expect(() => parseMoneyToMinor('99999999999999999.00', 'EUR')).toThrow(/too large/);
  });
});
