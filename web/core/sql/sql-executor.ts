// What runs a SqlQuery: the interfaces every raw-SQL client implements (PostgreSQL: the pg pool, see
// web/server/db/pg-sql-client.ts; otherwise Prisma's raw API, see prisma-sql-executor.ts). Types only, so
// that db-client.ts can name them without importing the clients.
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
