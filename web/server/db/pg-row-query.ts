// A plain pg pool for the report export on PostgreSQL. Prisma's raw queries cost about twice as much
// per row and hold more memory, which matters when a million rows are streamed; the SQL is the same.
// Timestamps are "timestamp without time zone" holding UTC, so they are parsed and sent as UTC
// (pg's defaults would use the process's local time zone).
import pg from 'pg';
import type { QueryRows } from '../../core/reports/points-report';
import { postgresSettingsFrom } from './connection-settings';

const TIMESTAMP_OID = 1114;

export interface PgRowQuery {
  query: QueryRows;
  close(): Promise<void>;
}

export function createPgRowQuery(url: string, options: { max?: number } = {}): PgRowQuery {
  const { connectionString, schema } = postgresSettingsFrom(url);
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 4,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    options: `-c search_path="${schema}"`,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === TIMESTAMP_OID ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  return {
    query: async (sql, values) => {
      const params = values.map((value) => (value instanceof Date ? value.toISOString().slice(0, -1) : value));
      return (await pool.query(sql, params)).rows;
    },
    close: () => pool.end(),
  };
}
