// A PostgreSQL cluster of the chaos run's own: initdb in a temporary folder, listening on 127.0.0.1 on a
// free port with trust auth, so the run can restart it (the shared server others use is never touched)
// and remove it afterwards. initdb refuses to run as root, so as root the server runs as `postgres`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

const DEFAULT_BIN = '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  url: string;
  port: number;
  /** the cluster's folder (data, socket, log) */
  dir: string;
  /** `pg_ctl restart -m immediate`: every connection drops, as when the database server crashes */
  restart(): void;
  /** stops the server and deletes the cluster; safe to call twice, also from an exit handler */
  destroy(): void;
}

export async function startThrowawayPostgres(options: { bin?: string } = {}): Promise<ThrowawayPostgres> {
  const bin = options.bin ?? process.env.CHAOS_POSTGRES_BIN ?? DEFAULT_BIN;
  if (!fs.existsSync(path.join(bin, 'initdb'))) throw new Error(`PostgreSQL binaries not found in ${bin} (set CHAOS_POSTGRES_BIN)`);
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loyalty-chaos-pg-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    return execFileSync(command, argv, { stdio: 'pipe', timeout: 60_000 });
  };
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
      const argv = ['-D', data, '-m', 'immediate', '-w', 'stop'];
      spawnSync(asRoot ? 'runuser' : path.join(bin, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...argv] : argv, { stdio: 'ignore', timeout: 30_000 });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    const port = await freePort();
    // fsync off: the cluster is thrown away; a restart still drops every connection and in-flight transaction.
    const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-o', serverOptions, '-l', logFile, '-w', '-t', '60', 'start']);
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      port,
      dir,
      // pg_ctl restart reuses the options the server was started with (postmaster.opts).
      restart: () => void run('pg_ctl', ['-D', data, '-m', 'immediate', '-l', logFile, '-w', '-t', '60', 'restart']),
      destroy,
    };
  } catch (error) {
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
    destroy();
    throw new Error(`throwaway PostgreSQL did not start: ${(error as Error).message}\n${log}`);
  }
}
