// A parameterised SQL statement written once for both databases: the `sql` tag keeps the text and
// the values apart, and each client renders the placeholders its driver wants ($1… or ?).
export type SqlValue = string | number | boolean | null | Date | string[];

export interface SqlQuery {
  /** the template's own strings (Prisma's raw API takes them as they are) */
  readonly strings: TemplateStringsArray;
  readonly values: readonly SqlValue[];
}

/** A statement; a value that is itself a SqlQuery is spliced in as a fragment. */
export function sql(strings: TemplateStringsArray, ...values: Array<SqlValue | SqlQuery>): SqlQuery {
  if (!values.some(isSqlQuery)) return { strings, values: values as SqlValue[] };
  const parts: string[] = [strings[0]!];
  const flat: SqlValue[] = [];
  values.forEach((value, i) => {
    if (isSqlQuery(value)) {
      parts[parts.length - 1] += value.strings[0]!;
      for (let j = 0; j < value.values.length; j += 1) {
        flat.push(value.values[j]!);
        parts.push(value.strings[j + 1]!);
      }
      parts[parts.length - 1] += strings[i + 1]!;
    } else {
      flat.push(value);
      parts.push(strings[i + 1]!);
    }
  });
  // Shaped like a template's strings, which Prisma's raw API requires.
  return { strings: Object.assign(parts, { raw: [...parts] }) as unknown as TemplateStringsArray, values: flat };
}

/**
 * Text spliced into a statement as it is, for what cannot be a parameter: a column or sort direction
 * our code picked from a fixed list, a constant. Never input.
 */
export function sqlText(text: string): SqlQuery {
  return { strings: Object.assign([text], { raw: [text] }) as unknown as TemplateStringsArray, values: [] };
}

/** Fragments joined by a separator, e.g. the rows of a multi-row VALUES or the items of an IN list. */
export function joinSql(parts: readonly SqlQuery[], separator = ', '): SqlQuery {
  if (parts.length === 0) return sqlText('');
  const strings: string[] = [];
  const values: SqlValue[] = [];
  parts.forEach((part, i) => {
    if (i === 0) strings.push(part.strings[0]!);
    else strings[strings.length - 1] += separator + part.strings[0]!;
    for (let j = 0; j < part.values.length; j += 1) {
      values.push(part.values[j]!);
      strings.push(part.strings[j + 1]!);
    }
  });
  return { strings: Object.assign(strings, { raw: [...strings] }) as unknown as TemplateStringsArray, values };
}

/** `(v1, v2, …)` for an IN list (portable: SQLite has no arrays). */
export function sqlList(values: readonly SqlValue[]): SqlQuery {
  return sql`(${joinSql(values.map((value) => sql`${value}`))})`;
}

function isSqlQuery(value: unknown): value is SqlQuery {
  return typeof value === 'object' && value !== null && 'strings' in value && 'values' in value;
}

/** The statement text with numbered ($1, $2 …) or positional (?) placeholders. */
export function renderSql(query: SqlQuery, placeholders: 'numbered' | 'positional'): string {
  let text = query.strings[0] ?? '';
  for (let i = 1; i < query.strings.length; i += 1) text += (placeholders === 'numbered' ? `$${i}` : '?') + query.strings[i];
  return text;
}

/** Timestamps read by raw SQL arrive as Date (PostgreSQL), or as Date, epoch ms or text (SQLite). */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  if (typeof value === 'string' && /^\d+$/.test(value)) return new Date(Number(value));
  if (typeof value === 'string') return new Date(value);
  throw new TypeError(`not a timestamp: ${String(value)}`);
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}
