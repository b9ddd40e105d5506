// Raw SQL for the hot paths (the storefront balance read, redemptions): one statement costs ~0.05 ms
// of CPU through the pg driver and ~0.2-0.5 ms through Prisma's client, and those paths run a dozen
// statements per request. Everything else keeps using Prisma; both share one connection pool.
//
// A Db may carry its own `sql` client (PostgreSQL: the pg pool, see web/server/db/pg-sql-client.ts);
// without one, statements go through Prisma's raw API (SQLite, where a statement is an in-process
// call, and any Db built by hand). Code that writes inside a Prisma transaction passes that
// transaction wherever a SqlExecutor is expected (see asSqlExecutor).
import { writeTransaction, type Db, type Prisma, type Tx } from '../db-client';
import type { SqlQuery } from './sql-query';

export interface SqlExecutor {
  /**
   * Set when statements go straight to PostgreSQL, so callers may fold several statements into one
   * (data-modifying CTEs, which SQLite lacks) and save round trips; unset means "portable SQL only".
   */
  readonly dialect?: 'postgresql';
  /** rows of a SELECT, or of INSERT/UPDATE … RETURNING */
  query<Row>(query: SqlQuery): Promise<Row[]>;
  /** number of rows changed */
  execute(query: SqlQuery): Promise<number>;
  /**
   * Inside a transaction, where the driver can: runs the transaction's LAST statement with COMMIT
   * queued right behind it, so the commit goes out the moment the statement finishes instead of
   * after this process gets round to it (row locks taken by that statement are held that much
   * shorter). The statement must fail — not merely return nothing — when the transaction must not
   * commit: a failed statement turns the queued COMMIT into a rollback.
   */
  queryThenCommit?<Row>(query: SqlQuery): Promise<Row[]>;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `work` in one write transaction (SQLite: takes the write lock first, see writeTransaction). */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** Statements through Prisma's raw API (which renders the placeholders) on a client or in its transaction. */
export function prismaSqlExecutor(prisma: Prisma | Tx): SqlExecutor {
  return {
    query: <Row>(query: SqlQuery) => prisma.$queryRaw<Row[]>(query.strings, ...query.values),
    execute: (query: SqlQuery) => prisma.$executeRaw(query.strings, ...query.values),
  };
}

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
