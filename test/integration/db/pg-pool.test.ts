// A PostgreSQL connection that dies while idle in the pool (server restart, network cut, an operator's
// pg_terminate_backend) is reported and replaced; it does not take the process down.
import pg from 'pg';
import { createPgPool } from '../../../web/server/db/pg-pool';
import { postgresAvailable } from '../../support/test-database';
import { TEST_POSTGRES_URL } from '../../support/postgres-availability';

const run = postgresAvailable() ? it : it.skip;

describe('pg pool', () => {
  run('reports an idle connection killed by the server and serves the next query on a new one', async () => {
    const idleErrors: Error[] = [];
    const pool = createPgPool(TEST_POSTGRES_URL, { max: 1, onIdleError: (error) => idleErrors.push(error) });
    try {
      const { pid } = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!;
      const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      try {
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      } finally {
        await admin.end();
      }
      for (let i = 0; i < 100 && idleErrors.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(idleErrors).toHaveLength(1);
      const next = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!;
      expect(next.pid).not.toBe(pid);
    } finally {
      await pool.end();
    }
  });
});
