// A small subset of Shopify's search syntax, enough for what the app sends:
// `field:value`, `field:'quoted value'`, `field:>=2026-01-01`, `-field:value`, bare words, and AND
// (OR is treated as AND — the app never relies on it).

export interface SearchTerm {
  field: string | null;
  comparator: ':' | '>' | '>=' | '<' | '<=';
  value: string;
  negated: boolean;
}

export function parseSearchQuery(query: string | null | undefined): SearchTerm[] {
  if (!query) return [];
  const terms: SearchTerm[] = [];
  const pattern = /(-)?(?:([A-Za-z_][\w.]*):(>=|<=|>|<)?)?(?:'([^']*)'|"([^"]*)"|(\S+))/g;
  for (const match of query.matchAll(pattern)) {
    const value = match[4] ?? match[5] ?? match[6] ?? '';
    if (!match[2] && (value === 'AND' || value === 'OR')) continue;
    terms.push({
      field: match[2] ?? null,
      comparator: (match[3] as SearchTerm['comparator'] | undefined) ?? ':',
      value,
      negated: match[1] === '-',
    });
  }
  return terms;
}

/** How one resource exposes its searchable values; `text` backs bare words. */
export interface SearchableFields {
  text: string;
  fields: Record<string, string | number | boolean | null | string[]>;
}

function compare(actual: string | number, comparator: SearchTerm['comparator'], wanted: string): boolean {
  if (comparator === ':') return String(actual).toLowerCase() === wanted.toLowerCase();
  const left = typeof actual === 'number' ? actual : Date.parse(actual);
  const right = typeof actual === 'number' ? Number(wanted) : Date.parse(wanted);
  if (Number.isNaN(left) || Number.isNaN(right)) return false;
  if (comparator === '>') return left > right;
  if (comparator === '>=') return left >= right;
  if (comparator === '<') return left < right;
  return left <= right;
}

function termMatches(term: SearchTerm, item: SearchableFields): boolean {
  if (term.field === null) return item.text.toLowerCase().includes(term.value.toLowerCase());
  const actual = item.fields[term.field];
  // Unknown filter fields match nothing, like Shopify's "no results" for a typo.
  if (actual === undefined || actual === null) return false;
  if (term.value === '*') return true;
  if (Array.isArray(actual)) return actual.some((entry) => compare(entry, term.comparator, term.value));
  if (typeof actual === 'boolean') return String(actual) === term.value.toLowerCase();
  if (term.field === 'note' || term.field === 'title' || term.field === 'email' || term.field === 'name') {
    // Text fields match on a prefix/contained phrase, which is how the app finds a card by its note.
    return String(actual).toLowerCase().includes(term.value.toLowerCase());
  }
  return compare(actual, term.comparator, term.value);
}

export function matchesSearch(query: string | null | undefined, item: SearchableFields): boolean {
  return parseSearchQuery(query).every((term) => termMatches(term, item) !== term.negated);
}
