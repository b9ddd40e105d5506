// The raw-SQL client of web/core/sql on PostgreSQL, straight on the pg pool Prisma's adapter also uses,
// with the app's type parsers (see pg-pool.ts).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { SqlClient, SqlExecutor } from '../../core/sql/sql-executor';
import { renderSql, type SqlQuery } from '../../core/sql/sql-query';
import { pgTypeParsers, toPgParameter } from './pg-pool';

// Each distinct statement is prepared once per connection (named): PostgreSQL then skips parsing
// and planning it again, which is most of its work for these short statements.
const statementNames = new Map<string, string>();
function nameOf(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `loyalty_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

// Multi-row statements (a batch of orders, a batch of deliveries) differ in text with their row count:
// preparing each would pile up server-side plans per connection, and their parse cost is shared by
// many rows anyway, so they run unnamed.
const MAX_PREPARED_VALUES = 64;

function config(query: SqlQuery): pg.QueryConfig {
  const text = renderSql(query, 'numbered');
  const values = query.values.map(toPgParameter);
  return query.values.length > MAX_PREPARED_VALUES ? { text, values, types: pgTypeParsers } : { name: nameOf(text), text, values, types: pgTypeParsers };
}

function executorOn(target: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    dialect: 'postgresql',
    query: async <Row>(query: SqlQuery) => (await target.query(config(query))).rows as Row[],
    execute: async (query: SqlQuery) => (await target.query(config(query))).rowCount ?? 0,
  };
}

export function createPgSqlClient(pool: pg.Pool): SqlClient {
  return {
    ...executorOn(pool),
    async transaction(work) {
      const client = await pool.connect();
      let committed = false;
      let broken = false;
      const tx: SqlExecutor = {
        ...executorOn(client),
        async queryThenCommit<Row>(query: SqlQuery) {
          // Both go into pg's queue now; it sends COMMIT as soon as the statement's answer arrives.
          const statement = client.query(config(query));
          const commit = client.query('COMMIT');
          committed = true;
          // Wait for both before answering, so the connection is idle when it goes back to the pool.
          const [ran, ended] = await Promise.allSettled([statement, commit]);
          if (ran.status === 'rejected') throw ran.reason;
          if (ended.status === 'rejected') throw ended.reason;
          return ran.value.rows as Row[];
        },
      };
      try {
        await client.query('BEGIN');
        const result = await work(tx);
        if (!committed) await client.query('COMMIT');
        return result;
      } catch (error) {
        // After queryThenCommit the transaction has ended either way (a failed statement makes PostgreSQL
        // answer the COMMIT with a rollback). A connection that cannot even roll back is dropped.
        if (!committed) await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}
