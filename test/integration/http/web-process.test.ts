// The web process as an operator runs it: `tsx web/server/main.ts` in demo mode on each database,
// serving /healthz and the admin page, and stopping cleanly on SIGTERM.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { databaseKinds, postgresAvailable, testDatabaseUrl } from '../../support/test-database';

const root = path.resolve(__dirname, '../../..');

function startWebProcess(databaseUrl: string): Promise<{ child: ChildProcessWithoutNullStreams; port: number; output: () => string }> {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['web/server/main.ts'], {
    cwd: root,
    // Only what demo mode needs, so no Shopify credentials leak in from the environment; TMPDIR,
    // NODE_OPTIONS and OUTSIDE_READS_* let the stand-alone check watch this process too.
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      TMPDIR: process.env.TMPDIR,
      NODE_OPTIONS: process.env.NODE_OPTIONS,
      OUTSIDE_READS_LOG: process.env.OUTSIDE_READS_LOG,
      OUTSIDE_READS_ALLOWED: process.env.OUTSIDE_READS_ALLOWED,
    },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web process did not start:\n${output}`)), 150_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+).*"web server listening"/.exec(output);
      if (match && output.includes('Demo shop ready')) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), output: () => output });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web process exited with ${code}:\n${output}`));
    });
  });
}

describe.each(databaseKinds)('web process on %s', (kind) => {
  const run = kind === 'postgresql' && !postgresAvailable() ? it.skip : it;

  run('starts in demo mode, serves /healthz and the admin page, and exits 0 on SIGTERM', async () => {
    const database = testDatabaseUrl(kind);
    try {
      const { child, port, output } = await startWebProcess(database.url);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', demoMode: true, database: { kind, status: 'up' } });
      const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      expect(page).toContain('/demo/app-bridge.js');
      expect(page).toContain('content="demo-api-key"');
      child.removeAllListeners('exit');
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output()).toContain('"msg":"stopped"');
    } finally {
      await database.cleanup();
    }
  }, 240_000);
});
