// A PostgreSQL connection that dies while it is checked out of the pool (a transaction in progress when
// PostgreSQL restarts) emits 'error' on its pg client, which the pool only listens to while the
// connection is idle: with no other listener Node exits the process (a job process died so in the chaos
// suite). The statement must fail as an error to its caller, and the pool go on with new connections.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from '../../../web/core/sql/sql-query';
import { createPgPool } from '../../../web/server/db/pg-pool';
import { createPgSqlClient } from '../../../web/server/db/pg-sql-client';
import { TEST_POSTGRES_URL } from '../../support/postgres-availability';
import { postgresAvailable } from '../../support/test-database';

const describePostgres = postgresAvailable() ? describe : describe.skip;

describePostgres('a pooled PostgreSQL connection closed while in use', () => {
  it('fails the transaction, keeps the process up and serves the next query', async () => {
    const appName = `in-use-drop-${randomBytes(4).toString('hex')}`;
    const warnings: string[] = [];
    const pool = createPgPool({ connectionString: TEST_POSTGRES_URL, max: 2, application_name: appName }, { warn: (_details, message) => warnings.push(message) });
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    try {
      const client = createPgSqlClient(pool);
      const transaction = client.transaction(async (tx) => {
        await tx.query(sql`SELECT 1 AS "one"`);
        // The server ends this very connection, as a restart does, between two statements.
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction'", [appName]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return tx.query(sql`SELECT 2 AS "two"`);
      });
      await expect(transaction).rejects.toThrow();
      expect(await client.query<{ three: number }>(sql`SELECT 3 AS "three"`)).toEqual([{ three: 3 }]);
      expect(warnings).toContain('a PostgreSQL connection in use was closed; its statement fails and the connection is dropped');
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
