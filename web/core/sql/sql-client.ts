// Raw SQL for the hot paths (the storefront balance read, redemptions): one statement costs ~0.05 ms
// of CPU through the pg driver and ~0.2-0.5 ms through Prisma's client, and those paths run a dozen
// statements per request. Everything else keeps using Prisma; both share one connection pool.
//
// A Db may carry its own `sql` client (PostgreSQL: the pg pool, see web/server/db/pg-sql-client.ts);
// without one, statements go through Prisma's raw API (SQLite, where a statement is an in-process
// call, and any Db built by hand). Code that writes inside a Prisma transaction passes that
// transaction wherever a SqlExecutor is expected (see asSqlExecutor).
import { writeTransaction, type Db, type Tx } from '../db-client';
import { prismaSqlExecutor } from './prisma-sql-executor';
import type { SqlClient, SqlExecutor } from './sql-executor';

export type { SqlClient, SqlExecutor } from './sql-executor';
export { prismaSqlExecutor } from './prisma-sql-executor';

/** A SqlExecutor as is, or a Prisma transaction wrapped as one. */
export function asSqlExecutor(target: SqlExecutor | Tx): SqlExecutor {
  return 'execute' in target && 'query' in target && !('$queryRaw' in target) ? target : prismaSqlExecutor(target as Tx);
}

const prismaClients = new WeakMap<object, SqlClient>();

export function sqlClientOf(db: Db): SqlClient {
  if (db.sql) return db.sql;
  let client = prismaClients.get(db.prisma);
  if (!client) {
    client = { ...prismaSqlExecutor(db.prisma), transaction: (work) => writeTransaction(db, (tx) => work(prismaSqlExecutor(tx))) };
    prismaClients.set(db.prisma, client);
  }
  return client;
}
