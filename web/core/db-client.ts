// The database handle the domain works with. Typed against the SQLite client; the PostgreSQL client
// generated from the same data model has identical row types (see web/server/db/create-database.ts).
import type { PrismaClient, Prisma as PrismaTypes } from '../server/generated/sqlite/client';

export type Prisma = PrismaClient;
export type Tx = PrismaTypes.TransactionClient;
export type DbKind = 'sqlite' | 'postgresql';

/** A database and its kind: set-based SQL differs slightly between SQLite and PostgreSQL. */
export interface Db {
  prisma: Prisma;
  kind: DbKind;
}
