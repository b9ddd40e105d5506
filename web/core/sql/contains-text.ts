// "Contains this text" for staff searches, case-insensitive and literal. PostgreSQL compares with ILIKE
// (any script). SQLite's LIKE folds ASCII only, so for other scripts (Cyrillic, Polish letters) the text
// is also tried in lower, upper and capitalised form.
// Typed text is matched literally: `%`, `_` and `\` are escaped, or "_" would find every row. Prisma's
// `contains` does not escape them (and SQLite's LIKE has no escape character unless the statement names
// one), so searches build their condition here with the `sql` tag.
import type { Db } from '../db-client';
import { sql, type SqlQuery } from './sql-query';

export function caseVariants(text: string): string[] {
  const lower = text.toLocaleLowerCase();
  const capitalised = lower.charAt(0).toLocaleUpperCase() + lower.slice(1);
  return [...new Set([text, lower, text.toLocaleUpperCase(), capitalised])];
}

/** A LIKE pattern (with ESCAPE '\') matching `text` literally anywhere in the value. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

export function anyOf(conditions: SqlQuery[]): SqlQuery {
  return conditions.slice(1).reduce((all, condition) => sql`${all} OR ${condition}`, conditions[0]!);
}

export function containsText(db: Db, column: SqlQuery, text: string): SqlQuery {
  if (db.kind === 'postgresql') return sql`${column} ILIKE ${likePattern(text)} ESCAPE '\\'`;
  return anyOf(caseVariants(text).map((variant) => sql`${column} LIKE ${likePattern(variant)} ESCAPE '\\'`));
}
