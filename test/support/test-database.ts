// A fresh, migrated database per test file: a temporary SQLite file, or a PostgreSQL schema of its own
// (named after the process and a random suffix, so parallel runs never collide), dropped afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db, DbKind } from '../../web/core/db-client';
import { createDatabase, type Database } from '../../web/server/db/create-database';
import { migrateDatabase } from '../../web/server/db/migrate';
import { TEST_POSTGRES_URL } from './postgres-availability';

export interface TestDatabase extends Db {
  url: string;
  database: Database;
  drop(): Promise<void>;
}

export const databaseKinds: DbKind[] = ['sqlite', 'postgresql'];

export function postgresAvailable(): boolean {
  return process.env.TEST_POSTGRES_AVAILABLE !== '0';
}

export function testDatabaseUrl(kind: DbKind): { url: string; cleanup: () => Promise<void> } {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loyalty-test-'));
    return { url: `file:${path.join(dir, 'test.db')}`, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `test_${suffix}`;
  const url = `${TEST_POSTGRES_URL}${TEST_POSTGRES_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  return {
    url,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function openTestDatabase(kind: DbKind): Promise<TestDatabase> {
  const { url, cleanup } = testDatabaseUrl(kind);
  await migrateDatabase(url);
  const database = createDatabase(url, { poolSize: 20 });
  return {
    prisma: database.prisma,
    kind,
    sql: database.sql,
    url,
    database,
    async drop() {
      await database.close();
      await cleanup();
    },
  };
}

/**
 * Runs the same describe block against SQLite and PostgreSQL. The PostgreSQL block is skipped (and the
 * global setup has already said so loudly) only when no server is reachable.
 */
export function describeEachDatabase(title: string, body: (getDb: () => TestDatabase, kind: DbKind) => void): void {
  for (const kind of databaseKinds) {
    const run = kind === 'postgresql' && !postgresAvailable() ? describe.skip : describe;
    run(`${title} [${kind}]`, () => {
      let db: TestDatabase | undefined;
      beforeAll(async () => {
        db = await openTestDatabase(kind);
      });
      afterAll(async () => {
        await db?.drop();
      });
      body(() => {
        if (!db) throw new Error('test database not open yet');
        return db;
      }, kind);
    });
  }
}
