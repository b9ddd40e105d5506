import fs from 'node:fs';
import path from 'node:path';

const LOCALES_DIR = path.resolve(__dirname, '../../../web/frontend/src/locales');
const LOCALES = ['en', 'nl', 'uk', 'da', 'pl'];
// Words that are legitimately the same in some languages ("Shopify", a shared loanword, …).
const MAX_VALUES_COPIED_FROM_ENGLISH = 3;

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'object' && value !== null) {
      for (const [nestedKey, nestedValue] of flatten(value, `${prefix}${key}.`)) entries.set(nestedKey, nestedValue);
    } else {
      entries.set(`${prefix}${key}`, value);
    }
  }
  return entries;
}

function load(locale: string): Map<string, unknown> {
  return flatten(JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, `${locale}.json`), 'utf8')) as Catalog);
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('admin UI locales', () => {
  const english = load('en');

  it('ships exactly the supported locales', () => {
    const files = fs.readdirSync(LOCALES_DIR).filter((file) => file.endsWith('.json')).map((file) => file.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES)('%s has exactly the same keys as English', (locale) => {
    expect([...load(locale).keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(LOCALES)('%s has no empty or non-string values', (locale) => {
    const bad = [...load(locale)].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it.each(LOCALES)('%s uses the same {placeholders} as English', (locale) => {
    const catalog = load(locale);
    const mismatched = [...english]
      .filter(([key, value]) => JSON.stringify(placeholders(String(value))) !== JSON.stringify(placeholders(String(catalog.get(key) ?? ''))))
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))('%s is translated, not copied from English', (locale) => {
    const copied = [...load(locale)].filter(([key, value]) => value === english.get(key)).map(([key]) => key);
    expect(copied.length).toBeLessThanOrEqual(MAX_VALUES_COPIED_FROM_ENGLISH);
  });
});
