// A pg pool of its own for the report export on PostgreSQL (opened on the first export, so a long export
// never takes the request pool's connections). Prisma's raw queries cost about twice as much per row and
// hold more memory, which matters when a million rows are streamed; the SQL is the same.
//
// `stream` walks one SELECT through a server-side cursor (DECLARE … CURSOR / FETCH n, rows as arrays)
// inside a read-only transaction: one plan and one snapshot for the whole export, no per-batch index
// descent or re-join, and at most two batches in memory (the next one is fetched while one is written). Stopping early (client gone, error) rolls back
// and closes the cursor; a connection in an unknown state is discarded, not returned to the pool.
import type { QueryRows, StreamRows } from '../../core/reports/points-report';
import { renderSql } from '../../core/sql/sql-query';
import { postgresSettingsFrom } from './connection-settings';
import { createPgPool, pgTypeParsers, toPgParameter, type IdleErrorLog } from './pg-pool';

export interface PgRowQuery {
  query: QueryRows;
  stream: StreamRows;
  close(): Promise<void>;
}

export function createPgRowQuery(url: string, options: { max?: number; log?: IdleErrorLog } = {}): PgRowQuery {
  const { connectionString, schema } = postgresSettingsFrom(url);
  const pool = createPgPool({
    connectionString,
    max: options.max ?? 4,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    options: `-c search_path="${schema}"`,
  }, options.log);
  return {
    query: async (query) => (await pool.query({ text: renderSql(query, 'numbered'), values: query.values.map(toPgParameter), types: pgTypeParsers })).rows,
    stream: async function* (query, batchSize) {
      const client = await pool.connect();
      let clean = false;
      try {
        await client.query('BEGIN READ ONLY');
        await client.query({ text: `DECLARE report_export NO SCROLL CURSOR FOR ${renderSql(query, 'numbered')}`, values: query.values.map(toPgParameter) });
        const fetch = { text: `FETCH ${Math.max(1, Math.floor(batchSize))} FROM report_export`, rowMode: 'array' as const, types: pgTypeParsers };
        // Pipelined: the next FETCH is sent before this batch is handed over, so PostgreSQL reads and
        // formats batch n+1 while we write batch n (two cores instead of taking turns).
        let next = client.query<unknown[]>(fetch);
        for (;;) {
          const { rows } = await next;
          const more = rows.length >= batchSize;
          if (more) {
            next = client.query<unknown[]>(fetch);
            next.catch(() => undefined); // awaited on the next turn; if we stop early, the ROLLBACK below follows it
          }
          if (rows.length > 0) yield rows;
          if (!more) break;
        }
        await client.query('COMMIT');
        clean = true;
      } finally {
        if (!clean) {
          // Early stop or error: end the transaction (closing the cursor); if that fails too, drop the connection.
          try {
            await client.query('ROLLBACK');
            clean = true;
          } catch {
            clean = false;
          }
        }
        client.release(clean ? undefined : true);
      }
    },
    close: () => pool.end(),
  };
}
