// Fails when the Prisma data model and the migrated database disagree (columns, types, nullability,
// unique constraints), on both databases, and when the PostgreSQL schema file is stale.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as internals from '@prisma/internals';
import { describeEachDatabase } from '../support/test-database';

type Column = { table: string; column: string; type: string; nullable: boolean };

const typeFamily: Record<string, string[]> = {
  String: ['text'],
  Int: ['integer'],
  Boolean: ['boolean'],
  DateTime: ['datetime', 'timestamp without time zone', 'timestamp(3)'],
  BigInt: ['bigint'],
};

async function loadModel() {
  const datamodel = fs.readFileSync(path.resolve(__dirname, '../../prisma/schema.prisma'), 'utf8');
  const dmmf = await internals.getDMMF({ datamodel });
  return dmmf.datamodel;
}

describe('prisma schemas', () => {
  it('keeps schema.postgres.prisma generated from schema.prisma', () => {
    expect(() => execFileSync('node', [path.resolve(__dirname, '../../scripts/sync-postgres-schema.cjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});

describeEachDatabase('migrated database matches the Prisma data model', (getDb, kind) => {
  async function columns(): Promise<Column[]> {
    const db = getDb();
    if (kind === 'sqlite') {
      const tables = await db.prisma.$queryRawUnsafe<Array<{ name: string }>>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
      );
      const result: Column[] = [];
      for (const { name } of tables) {
        const info = await db.prisma.$queryRawUnsafe<Array<{ name: string; type: string; notnull: number | bigint }>>(`PRAGMA table_info("${name}")`);
        for (const column of info) result.push({ table: name, column: column.name, type: column.type.toLowerCase(), nullable: Number(column.notnull) === 0 });
      }
      return result;
    }
    const rows = await db.prisma.$queryRawUnsafe<Array<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
    );
    return rows.map((row) => ({ table: row.table_name, column: row.column_name, type: row.data_type.toLowerCase(), nullable: row.is_nullable === 'YES' }));
  }

  async function uniqueIndexes(): Promise<string[]> {
    const db = getDb();
    if (kind === 'sqlite') {
      const rows = await db.prisma.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE 'CREATE UNIQUE INDEX%'`);
      return rows.map((row) => row.name).sort();
    }
    const rows = await db.prisma.$queryRawUnsafe<Array<{ indexname: string }>>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE 'CREATE UNIQUE INDEX%' AND indexname NOT LIKE '%_pkey'`,
    );
    return rows.map((row) => row.indexname).sort();
  }

  it('has exactly the tables and columns of the data model, with matching types and nullability', async () => {
    const model = await loadModel();
    const actual = await columns();
    const expected: Column[] = model.models.flatMap((m) =>
      m.fields.filter((f) => f.kind === 'scalar').map((f) => ({ table: m.name, column: f.name, type: f.type, nullable: !f.isRequired })),
    );
    const key = (c: { table: string; column: string }) => `${c.table}.${c.column}`;
    expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
    const actualByKey = new Map(actual.map((c) => [key(c), c]));
    const problems: string[] = [];
    for (const column of expected) {
      const found = actualByKey.get(key(column))!;
      if (!typeFamily[column.type]?.includes(found.type)) problems.push(`${key(column)}: type ${found.type} for ${column.type}`);
      if (found.nullable !== column.nullable) problems.push(`${key(column)}: nullable ${found.nullable}, model says ${column.nullable}`);
    }
    expect(problems).toEqual([]);
  });

  it('has every unique constraint of the data model', async () => {
    const model = await loadModel();
    const expected = [
      ...model.models.flatMap((m) => m.uniqueFields.map((fields) => `${m.name}_${fields.join('_')}_key`)),
      ...model.models.flatMap((m) => m.fields.filter((f) => f.isUnique).map((f) => `${m.name}_${f.name}_key`)),
    ].sort();
    expect(await uniqueIndexes()).toEqual(expected);
  });
});
