import { csvField, neutraliseCell } from '../../../web/core/reports/neutralise-cell';

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
