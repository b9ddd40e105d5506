// Opens the one Prisma client the app uses, for SQLite or PostgreSQL by DATABASE_URL.
// Both generated clients come from the same data model; the app is typed against the SQLite one
// and the PostgreSQL one is cast once, here (row types are identical).
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlClient } from '../../core/sql/sql-client';
import { databaseKindOf, type DatabaseKind } from '../../runtime/config';
import { PrismaClient } from '../generated/sqlite/client';
import { PrismaClient as PostgresPrismaClient } from '../generated/postgres/client';
import { postgresSettingsFrom, sqliteFileFrom } from './connection-settings';
import { createPgPool, type IdleErrorLog } from './pg-pool';
import { createPgSqlClient } from './pg-sql-client';

export type Prisma = PrismaClient;
export type { Prisma as PrismaNamespace } from '../generated/sqlite/client';

export interface Database {
  prisma: Prisma;
  kind: DatabaseKind;
  /** raw SQL for the hot paths (PostgreSQL: on the same pool; SQLite: through Prisma) */
  sql?: SqlClient;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** pg pool size per process */
  poolSize?: number;
  /** where a dropped idle connection is reported (default: stderr) */
  log?: IdleErrorLog;
}

export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  const kind = databaseKindOf(url);
  if (kind === 'sqlite') {
    const adapter = new PrismaBetterSqlite3({ url: sqliteFileFrom(url), timeout: 15000 }, { timestampFormat: 'unixepoch-ms' });
    const prisma = new PrismaClient({ adapter });
    return { prisma, kind, close: () => prisma.$disconnect() };
  }
  const { connectionString, schema } = postgresSettingsFrom(url);
  // One pool for Prisma and for the raw hot paths, so DATABASE_POOL_SIZE is the process' whole share.
  const pool = createPgPool({ connectionString, max: options.poolSize ?? 10, options: `-c search_path="${schema}"` }, options.log);
  const adapter = new PrismaPg(pool, { schema });
  const prisma = new PostgresPrismaClient({ adapter }) as unknown as Prisma;
  return {
    prisma,
    kind,
    sql: createPgSqlClient(pool),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
