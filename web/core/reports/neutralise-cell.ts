// Spreadsheet formula injection: a text cell that starts with = + - @ (or a tab / carriage return that
// some programs skip) would be run as a formula when the file is opened. Prefixing an apostrophe makes
// Excel, LibreOffice and Google Sheets show it as text. Numbers are written as numbers and never touched.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = neutraliseCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
