// Polaris' own strings in Ukrainian: every key the installed Polaris has in English is translated, with
// the same placeholders, and the admin loads this file for Ukrainian (not English).
import fs from 'node:fs';
import path from 'node:path';
import { loadPolarisTranslations } from '../../../web/frontend/src/polaris-translations';

type Tree = { [key: string]: string | Tree };
const root = path.resolve(__dirname, '../../..');
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Tree;

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}
const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

describe("Polaris' Ukrainian strings", () => {
  const english = leaves(read(path.join(root, 'node_modules/@shopify/polaris/locales/en.json')));
  const ukrainian = leaves(read(path.join(root, 'web/frontend/src/locales/polaris/uk.json')));

  it('has every key of the installed Polaris, with the same placeholders, and no English left', () => {
    expect([...ukrainian.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) expect([key, placeholders(ukrainian.get(key)!)]).toEqual([key, placeholders(text)]);
    const untranslated = [...english].filter(([key, text]) => /[A-Za-z]{3}/.test(text.replace(/\{\w+\}/g, '')) && ukrainian.get(key) === text);
    expect(untranslated).toEqual([]);
  });

  it('is what the admin loads for Ukrainian', async () => {
    const loaded = (await loadPolarisTranslations('uk')) as Tree;
    expect(leaves(loaded).get('Polaris.IndexTable.selectAllLabel')).toBe('Вибрати все: {resourceNamePlural}');
    expect(leaves(loaded).get('Polaris.Pagination.next')).toBe('Наступна');
  });
});
