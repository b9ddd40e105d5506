// The NUL character (U+0000) is never meaningful in our data, and PostgreSQL's text type cannot store
// it at all (SQLite can): left in, the same input would work on one database and fail on the other.
// Input people type (the admin and storefront APIs) is refused with it; payloads Shopify sends are
// cleaned, because refusing those would lose the order (Shopify's data is what it is).

/** JSON.parse reviver: drops NUL characters from every string value. */
export function withoutNulBytes(_key: string, value: unknown): unknown {
  return typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

/** Whether any string (or key) in a parsed JSON value holds a NUL character. */
export function containsNulByte(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => containsNulByte(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNulByte(item, depth + 1));
}
