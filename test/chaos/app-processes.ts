// The app as an operator runs it: web processes (`web/server/main.ts`) and job processes (`jobs/main.ts`),
// each a real node process (tsx as a loader, so SIGKILL hits the app itself, not a launcher), with its
// output in a log file. A process can be killed with SIGKILL, stopped with SIGTERM, and started again.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type AppProcessKind = 'web' | 'jobs';

export interface AppProcess {
  name: string;
  kind: AppProcessKind;
  /** current pid, or null while down */
  pid(): number | null;
  /** started and ready (listening, or its scheduler running) */
  isUp(): boolean;
  /** web only: the current base URL (a restarted web process listens on a new ephemeral port) */
  url(): string | null;
  start(): Promise<void>;
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how long the process took to exit */
  stop(graceMs: number): Promise<{ ms: number; forced: boolean }>;
  /** every pid this slot has had, with start/end times (for telling a killed worker's claims apart) */
  history: Array<{ pid: number; startedAt: number; endedAt: number | null; killed: boolean; stopped: boolean; exit: string | null; ready: boolean }>;
}

const root = path.resolve(__dirname, '../..');
const READY: Record<AppProcessKind, RegExp> = {
  web: /"port":(\d+)[^\n]*"msg":"web server listening"/,
  jobs: /"msg":"job scheduler started"/,
};

export function appProcess(name: string, kind: AppProcessKind, env: Record<string, string>, logDir: string): AppProcess {
  let child: ChildProcess | null = null;
  let port: number | null = null;
  let readyChild: ChildProcess | null = null;
  const history: AppProcess['history'] = [];
  const logPath = path.join(logDir, `${name}.log`);
  const exited = new Map<ChildProcess, Promise<void>>();

  const start = async () => {
    if (child) return;
    const log = fs.createWriteStream(logPath, { flags: 'a' });
    const script = kind === 'web' ? 'web/server/main.ts' : 'jobs/main.ts';
    const spawned = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child = spawned;
    const entry: AppProcess['history'][number] = { pid: spawned.pid!, startedAt: Date.now(), endedAt: null, killed: false, stopped: false, exit: null, ready: false };
    history.push(entry);
    exited.set(spawned, new Promise<void>((resolve) => spawned.once('exit', (code, signal) => {
      entry.endedAt = Date.now();
      entry.exit = signal ?? String(code);
      if (child === spawned) {
        child = null;
        port = null;
      }
      log.end();
      resolve();
    })));
    let head = '';
    let ready = false;
    readyChild = null;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not become ready in 90 s (see ${logPath})`)), 90_000);
      const onData = (chunk: Buffer) => {
        log.write(chunk);
        if (ready) return;
        head += chunk.toString();
        const match = READY[kind].exec(head);
        if (match) {
          if (kind === 'web') port = Number(match[1]);
          ready = true;
          entry.ready = true;
          readyChild = spawned;
          head = '';
          clearTimeout(timer);
          resolve();
        } else if (head.length > 1_000_000) head = head.slice(-10_000);
      };
      spawned.stdout!.on('data', onData);
      spawned.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
      spawned.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (!ready) reject(new Error(`${name} exited (${code ?? signal}) before it was ready (see ${logPath})`));
      });
    });
  };

  const waitExit = (target: ChildProcess) => exited.get(target) ?? Promise.resolve();

  return {
    name,
    kind,
    history,
    pid: () => child?.pid ?? null,
    isUp: () => child !== null && readyChild === child,
    url: () => (port === null ? null : `http://127.0.0.1:${port}`),
    start,
    async kill9() {
      const target = child;
      if (!target) return;
      const entry = history.find((h) => h.pid === target.pid);
      if (entry) entry.killed = true;
      target.kill('SIGKILL');
      await waitExit(target);
    },
    async stop(graceMs) {
      const target = child;
      if (!target) return { ms: 0, forced: false };
      const started = Date.now();
      const entry = history.find((h) => h.pid === target.pid);
      if (entry) entry.stopped = true;
      target.kill('SIGTERM');
      let forced = false;
      const timer = setTimeout(() => {
        forced = true;
        target.kill('SIGKILL');
      }, graceMs);
      await waitExit(target);
      clearTimeout(timer);
      return { ms: Date.now() - started, forced };
    },
  };
}
