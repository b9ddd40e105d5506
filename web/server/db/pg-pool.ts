// Every pg pool the app opens comes from here, and pg's types are set up here once.
//
// A pool emits 'error' when one of its idle connections dies (PostgreSQL restarted, the connection
// terminated by an administrator or a proxy, the network gone); with no listener Node treats that as an
// unhandled 'error' event and the whole process exits. The pool has already dropped the dead connection
// and opens a new one for the next query, so the event only needs to be logged. The same holds for a
// connection in use (checked out), which the pool does not listen to.
//
// Timestamps are `timestamp(3)` (no time zone) holding UTC, as Prisma writes them: dates go out as UTC ISO
// text (PostgreSQL ignores the offset for this type) and come back parsed as UTC, whatever the process' TZ.
// int8 (count(*), sums, the BIGINT money columns) comes back as a number: the domain counts minor units
// in numbers, exact below 2^53, which parseMoneyToMinor guarantees for every amount; a larger value is
// refused rather than rounded.
import pg from 'pg';

export interface IdleErrorLog {
  warn(details: Record<string, unknown>, message: string): void;
}

const stderrLog: IdleErrorLog = {
  warn: (details, message) => process.stderr.write(`${JSON.stringify({ level: 'warn', msg: message, err: String(details.err) })}\n`),
};

export function createPgPool(config: pg.PoolConfig, log: IdleErrorLog = stderrLog): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', (error) => log.warn({ err: error }, 'an idle PostgreSQL connection was closed; the pool opens a new one when needed'));
  // A connection checked out of the pool (a transaction, an export's cursor) emits 'error' too when it
  // dies, and the pool listens only while it is idle. The statement in flight fails with the same error
  // and its caller handles that; the connection, no longer queryable, is dropped when it is released.
  // While it is idle the pool's own listener (above) is attached as well and reports it.
  pool.on('connect', (client) => client.on('error', (error) => {
    if (client.listenerCount('error') === 1) log.warn({ err: error }, 'a PostgreSQL connection in use was closed; its statement fails and the connection is dropped');
  }));
  return pool;
}

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} does not fit a JS number exactly`);
  return value;
}

/**
 * The app's type parsers, passed per query by our raw SQL (not set on the shared pool: Prisma's adapter
 * uses it too and parses its own columns).
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
