import { parseCsv } from '../../../web/core/adjustments/parse-csv';

describe('CSV reader for bulk adjustments', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and a BOM', () => {
    const text = '\uFEFFcustomer,points,description\r\na@example.com,5,"Sorry, ""late"""\n"b@example.com",-3,"two\nlines"\n\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['customer', 'points', 'description'] },
      { line: 2, fields: ['a@example.com', '5', 'Sorry, "late"'] },
      { line: 3, fields: ['b@example.com', '-3', 'two\nlines'] },
    ]);
  });

  it('keeps empty fields and a last line without a newline', () => {
    expect(parseCsv('a,,c\n,5,')).toEqual([{ line: 1, fields: ['a', '', 'c'] }, { line: 2, fields: ['', '5', ''] }]);
  });
});
