// Applies the hand-written SQL migrations (Prisma's folder format) and records them in `_prisma_migrations`
// exactly as `prisma migrate deploy` does, so either tool accepts the same database later.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { databaseKindOf, type DatabaseKind } from '../../runtime/config';
import { postgresSettingsFrom, sqliteFileFrom } from './connection-settings';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

// Prisma's own advisory-lock key, so our runner and Prisma's never migrate at the same time.
const PRISMA_ADVISORY_LOCK = 72707369;

export function migrationsFolder(kind: DatabaseKind): string {
  return path.resolve(__dirname, '../../../prisma', kind === 'sqlite' ? 'migrations' : 'migrations-postgres');
}

export function readMigrations(kind: DatabaseKind): Migration[] {
  const folder = migrationsFolder(kind);
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(folder, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}

export function pendingMigrations(all: Migration[], applied: AppliedRow[]): Migration[] {
  const byName = new Map(applied.filter((row) => row.rolled_back_at === null).map((row) => [row.migration_name, row]));
  for (const row of byName.values()) {
    if (row.finished_at === null) {
      throw new Error(`migration ${row.migration_name} failed earlier and blocks further migrations; resolve it first (see docs/operations.md)`);
    }
  }
  for (const migration of all) {
    const row = byName.get(migration.name);
    if (row && row.checksum !== migration.checksum) {
      throw new Error(`migration ${migration.name} was edited after it was applied (checksum differs)`);
    }
  }
  return all.filter((migration) => !byName.has(migration.name));
}

function migrateSqlite(url: string, migrations: Migration[]): MigrationResult {
  const file = sqliteFileFrom(url);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Sqlite(file, { timeout: 15000 });
  try {
    db.pragma('journal_mode = WAL');
    // As Prisma applies SQLite migrations: with foreign keys off, so that redefining a table (copy, drop,
    // rename; SQLite cannot change a column's type in place) neither cascades deletes into nor
    // rejects its children. PRAGMA foreign_keys is ignored inside a transaction, hence here;
    // the keys are checked before each migration commits instead.
    db.pragma('foreign_keys = OFF');
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    const applied: string[] = [];
    // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
    const applyPending = db.transaction(() => {
      const rows = db.prepare('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"').all() as AppliedRow[];
      const pending = pendingMigrations(migrations, rows);
      for (const migration of pending) {
        const startedAt = Date.now();
        db.exec(migration.sql);
        const violations = db.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) {
          throw new Error(`migration ${migration.name} leaves ${violations.length} row(s) violating a foreign key: ${JSON.stringify(violations.slice(0, 5))}`);
        }
        db.prepare(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)',
        ).run(randomUUID(), migration.checksum, Date.now(), migration.name, startedAt);
        applied.push(migration.name);
      }
      return migrations.length - pending.length;
    });
    const alreadyApplied = applyPending.immediate();
    return { applied, alreadyApplied };
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrationResult> {
  const { connectionString, schema } = postgresSettingsFrom(url);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
      const { rows } = await client.query<AppliedRow>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');
      const pending = pendingMigrations(migrations, rows);
      const applied: string[] = [];
      for (const migration of pending) {
        const id = randomUUID();
        await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)', [id, migration.checksum, migration.name]);
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          // Leave the unfinished row, as Prisma does: a failed migration must be resolved by a person.
          await client.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, String(error)]);
          throw new Error(`migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        applied.push(migration.name);
      }
      return { applied, alreadyApplied: migrations.length - pending.length };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
    }
  } finally {
    await client.end();
  }
}

export async function migrateDatabase(url: string): Promise<MigrationResult> {
  return applyMigrations(url, readMigrations(databaseKindOf(url)));
}

/** Applies those of `migrations` not yet applied (a prefix of the list lets a test stop at a given point). */
export async function applyMigrations(url: string, migrations: Migration[]): Promise<MigrationResult> {
  return databaseKindOf(url) === 'sqlite' ? migrateSqlite(url, migrations) : migratePostgres(url, migrations);
}
