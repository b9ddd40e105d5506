import { csvField, neutraliseCell } from '../../../web/core/reports/neutralise-cell';
import { liabilityMinorUnits } from '../../../web/core/reports/point-value';

describe('spreadsheet cells', () => {
  it.each(['=cmd()', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('neutralises a text cell that starts a formula: %j', (text) => {
    expect(neutraliseCell(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text and numbers alone, and quotes CSV separators', () => {
    expect(neutraliseCell('Haircut (#1)')).toBe('Haircut (#1)');
    expect(csvField(-25)).toBe('-25');
    expect(csvField(null)).toBe('');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
  });
});

describe('liability in money', () => {
  it('values a point at 1% of the currency unit that earns it', () => {
    expect(liabilityMinorUnits(155, 1, 'EUR')).toBe(155);
    expect(liabilityMinorUnits(1000, 10, 'EUR')).toBe(100);
    expect(liabilityMinorUnits(250, 1, 'JPY')).toBe(3);
    expect(liabilityMinorUnits(100, 1, 'KWD')).toBe(1000);
    expect(liabilityMinorUnits(-5, 1, 'EUR')).toBe(0);
  });
});
