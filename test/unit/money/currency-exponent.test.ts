import { currencyExponent, minorUnitsPerMajor, normalizeCurrencyCode } from '../../../web/core/money/currency-exponent';

describe('currencyExponent', () => {
  test.each([
    ['EUR', 2], ['USD', 2], ['GBP', 2], ['DKK', 2], ['PLN', 2], ['UAH', 2],
    ['JPY', 0], ['KRW', 0], ['CLP', 0], ['ISK', 0], ['VND', 0], ['XOF', 0],
    ['HUF', 2],
    ['BHD', 3], ['KWD', 3], ['OMR', 3], ['JOD', 3], ['TND', 3],
  ])('%s has %i decimals (ISO 4217)', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  test('is case-insensitive', () => {
    expect(currencyExponent('jpy')).toBe(0);
  });

  test('treats an unknown but well-formed code as two decimals', () => {
    expect(currencyExponent('XYZ')).toBe(2);
  });

  test.each(['', 'EU', 'EURO', '€', '12A'])('rejects %p as a currency code', (code) => {
    expect(() => normalizeCurrencyCode(code)).toThrow(/ISO 4217/);
  });

  test('gives the minor units in one major unit', () => {
    expect([minorUnitsPerMajor('EUR'), minorUnitsPerMajor('JPY'), minorUnitsPerMajor('KWD')]).toEqual([100, 1, 1000]);
  });
});
