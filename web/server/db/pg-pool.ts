// The one way the app opens a pg pool, and the one place pg's types are set up.
// Timestamps are `timestamp(3)` (no time zone) holding UTC, as Prisma writes them: dates go out as UTC ISO
// text (PostgreSQL ignores the offset for this type) and come back parsed as UTC, whatever the process' TZ.
// int8 (count(*), sums, the BIGINT money columns) comes back as a number: the domain counts minor units
// in numbers, exact below 2^53, which parseMoneyToMinor guarantees for every amount; a larger value is
// refused rather than rounded.
import pg from 'pg';
import { postgresSettingsFrom } from './connection-settings';

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} does not fit a JS number exactly`);
  return value;
}

/**
 * The app's type parsers, passed per query by our raw SQL (not set on the pool: Prisma's adapter shares
 * the pool and parses its own columns).
 */
export const pgTypeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMP_OID && format !== 'binary') return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
    if (oid === INT8_OID && format !== 'binary') return parseInt8;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export function toPgParameter(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

export interface PgPoolOptions {
  max: number;
  idleTimeoutMillis?: number;
  /** let the process exit while only idle connections remain (a pool opened on demand) */
  allowExitOnIdle?: boolean;
  /**
   * An idle connection failed (the server restarted, a network cut): pg drops it and the next query
   * opens a new one. Without a listener the 'error' event would end the process.
   */
  onIdleError: (error: Error) => void;
}

/** A pool on DATABASE_URL, its `?schema=` as the search_path. */
export function createPgPool(url: string, options: PgPoolOptions): pg.Pool {
  const { connectionString, schema } = postgresSettingsFrom(url);
  const pool = new pg.Pool({
    connectionString,
    max: options.max,
    // pg's own defaults stay in force unless asked (an explicit undefined would override them)
    ...(options.idleTimeoutMillis !== undefined ? { idleTimeoutMillis: options.idleTimeoutMillis } : {}),
    ...(options.allowExitOnIdle !== undefined ? { allowExitOnIdle: options.allowExitOnIdle } : {}),
    options: `-c search_path="${schema}"`,
  });
  pool.on('error', options.onIdleError);
  return pool;
}
