// The database handle the domain works with. Typed against the SQLite client; the PostgreSQL client
// generated from the same data model has identical row types (see web/server/db/create-database.ts).
import type { PrismaClient, Prisma as PrismaTypes } from '../server/generated/sqlite/client';
import { prismaSqlExecutor } from './sql/prisma-sql-executor';
import type { SqlClient } from './sql/sql-executor';
import { sql } from './sql/sql-query';

export type Prisma = PrismaClient;
export type Tx = PrismaTypes.TransactionClient;
export type DbKind = 'sqlite' | 'postgresql';

/** A database and its kind: set-based SQL differs slightly between SQLite and PostgreSQL. */
export interface Db {
  prisma: Prisma;
  kind: DbKind;
  /** raw SQL for the hot paths on the same pool (default: through Prisma; see sql/sql-client.ts) */
  sql?: SqlClient;
}

/**
 * A transaction that will write. On SQLite (WAL) a transaction that reads first and writes later fails
 * with SQLITE_BUSY_SNAPSHOT when another process committed in between, without waiting; taking the write
 * lock with a no-op write as the first statement makes it wait its turn instead (like BEGIN IMMEDIATE).
 * The statement is valid and free on PostgreSQL too, so callers that do not know the kind may use it.
 */
const TAKE_WRITE_LOCK = sql`UPDATE "Shop" SET "id" = "id" WHERE 1 = 0`;

export function writeTransaction<T>(
  db: { prisma: Prisma; kind?: DbKind },
  fn: (tx: Tx) => Promise<T>,
  options: { timeout?: number; maxWait?: number } = {},
): Promise<T> {
  return db.prisma.$transaction(async (tx) => {
    if (db.kind !== 'postgresql') await prismaSqlExecutor(tx).execute(TAKE_WRITE_LOCK);
    return fn(tx);
  }, { timeout: options.timeout ?? 30_000, maxWait: options.maxWait ?? 30_000 });
}
