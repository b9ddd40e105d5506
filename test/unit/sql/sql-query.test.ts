import { joinSql, renderSql, sql, sqlList, toDate, toDateOrNull } from '../../../web/core/sql/sql-query';

describe('the sql tag', () => {
  it('keeps values out of the text and renders the placeholders each driver wants', () => {
    const query = sql`SELECT "id" FROM "Member" WHERE "shopId" = ${'shop-1'} AND "balance" >= ${100}`;
    expect(query.values).toEqual(['shop-1', 100]);
    expect(renderSql(query, 'numbered')).toBe('SELECT "id" FROM "Member" WHERE "shopId" = $1 AND "balance" >= $2');
    expect(renderSql(query, 'positional')).toBe('SELECT "id" FROM "Member" WHERE "shopId" = ? AND "balance" >= ?');
  });

  it('joins the rows of a multi-row statement and the items of an IN list, values in order', () => {
    const rows = joinSql([sql`(${'a'}, ${1})`, sql`(${'b'}, ${2})`, sql`(${'c'}, ${3})`]);
    const query = sql`INSERT INTO "T" ("k", "v") VALUES ${rows} ON CONFLICT DO NOTHING RETURNING "k" -- ${sqlList(['x', 'y'])}`;
    expect(renderSql(query, 'numbered')).toBe('INSERT INTO "T" ("k", "v") VALUES ($1, $2), ($3, $4), ($5, $6) ON CONFLICT DO NOTHING RETURNING "k" -- ($7, $8)');
    expect(query.values).toEqual(['a', 1, 'b', 2, 'c', 3, 'x', 'y']);
    expect(renderSql(joinSql([sql`"a" = ${1}`, sql`"b" = ${2}`], ' OR '), 'positional')).toBe('"a" = ? OR "b" = ?');
  });

  it('splices fragments in place, their values numbered in order with the rest', () => {
    const columns = sql`"id", "balance"`;
    const condition = sql`"shopId" = ${'shop-1'} AND "id" = ${'m-1'}`;
    const query = sql`SELECT ${columns} FROM "Member" WHERE ${condition} AND "balance" > ${5} LIMIT ${1}`;
    expect(renderSql(query, 'numbered')).toBe('SELECT "id", "balance" FROM "Member" WHERE "shopId" = $1 AND "id" = $2 AND "balance" > $3 LIMIT $4');
    expect(query.values).toEqual(['shop-1', 'm-1', 5, 1]);
    // Prisma's raw API accepts only template-shaped strings.
    expect((query.strings as unknown as { raw?: unknown }).raw).toBeDefined();
  });

  it('splices fragments that themselves contain fragments', () => {
    const inner = sql`"a" = ${1}`;
    const middle = sql`(${inner} OR "b" = ${2})`;
    const query = sql`SELECT 1 WHERE ${middle} AND "c" = ${3}`;
    expect(renderSql(query, 'positional')).toBe('SELECT 1 WHERE ("a" = ? OR "b" = ?) AND "c" = ?');
    expect(query.values).toEqual([1, 2, 3]);
  });

  it('treats dates, nulls and arrays as values, not fragments', () => {
    const at = new Date('2026-11-25T10:00:00.000Z');
    const query = sql`SELECT ${at}, ${null}, ${['a', 'b']}`;
    expect(query.values).toEqual([at, null, ['a', 'b']]);
    expect(renderSql(query, 'numbered')).toBe('SELECT $1, $2, $3');
  });
});

describe('timestamps read by raw SQL', () => {
  it('come back as the same instant from a Date, epoch milliseconds (number, bigint or text) or ISO text', () => {
    const instant = new Date('2026-11-25T10:00:00.123Z');
    for (const value of [instant, instant.getTime(), BigInt(instant.getTime()), String(instant.getTime()), instant.toISOString()]) {
      expect(toDate(value).toISOString()).toBe(instant.toISOString());
    }
  });

  it('keep null as null and refuse what is no timestamp', () => {
    expect(toDateOrNull(null)).toBeNull();
    expect(toDateOrNull(undefined)).toBeNull();
    expect(() => toDate({})).toThrow(/not a timestamp/);
  });
});
