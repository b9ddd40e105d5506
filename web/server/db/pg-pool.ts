// Every pg pool the app opens comes from here. A pool emits 'error' when one of its idle connections
// dies (PostgreSQL restarted, the connection terminated by an administrator or a proxy, the network
// gone); with no listener Node treats that as an unhandled 'error' event and the whole process exits.
// The pool has already dropped the dead connection and opens a new one for the next query, so the
// event only needs to be logged.
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
  return pool;
}
