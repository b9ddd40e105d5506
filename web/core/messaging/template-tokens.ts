/**
 * A token is `%word%` where the word starts with a letter. Requiring the letter keeps ordinary
 * percentages ("20% off, 10% more") from being read as a token; case is kept so that
 * `%First_Name%` is reported as unknown instead of silently rendering.
 */
export const TOKEN_PATTERN = /%([A-Za-z][A-Za-z0-9_]*)%/g;

/** Distinct token names in order of first appearance. */
export function findTokens(source: string): string[] {
  const seen = new Set<string>();
  for (const match of source.matchAll(TOKEN_PATTERN)) {
    const name = match[1];
    if (name !== undefined) seen.add(name);
  }
  return [...seen];
}
