// A real web process on PostgreSQL survives its idle connections being closed under it (a database
// restart, an administrator's pg_terminate_backend, a proxy's idle timeout): every pg pool it opens,
// the app's and the report export's, must handle the 'error' event an idle connection emits.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createShop } from '../../fixtures/factories';
import { TEST_POSTGRES_URL } from '../../support/postgres-availability';
import { openTestDatabase, postgresAvailable, type TestDatabase } from '../../support/test-database';

const root = path.resolve(__dirname, '../../..');
const API_KEY = 'idle-drop-key';
const API_SECRET = 'idle-drop-secret-0123456789';
const describePostgres = postgresAvailable() ? describe : describe.skip;

function startWebProcess(databaseUrl: string, appName: string): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null>; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'web/server/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: databaseUrl,
      SHOPIFY_API_KEY: API_KEY, SHOPIFY_API_SECRET: API_SECRET, SHOPIFY_APP_URL: 'https://loyalty.test', SHOPIFY_SIMULATOR_URL: 'http://127.0.0.1:9',
      RUN_JOBS_IN_WEB: 'false', PGAPPNAME: appName,
    },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/localhost:\d+)"/.exec(output);
      if (match) resolve({ child, url: match[1]!.replace('localhost', '127.0.0.1'), exited, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`web process exited (${code}) before listening: ${output}`)));
  });
}

/** Waits (up to 5 s) until the process holds at least `atLeast` idle connections, then terminates them. */
async function terminateIdleConnections(appName: string, atLeast: number): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    for (let waited = 0; waited < 5000; waited += 100) {
      const { rows: [row] } = await client.query<{ idle: number }>("SELECT count(*)::int AS idle FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle'", [appName]);
      if (row!.idle >= atLeast) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows } = await client.query<{ ok: boolean }>(
      "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle'",
      [appName],
    );
    return rows.filter((row) => row.ok).length;
  } finally {
    await client.end();
  }
}

describePostgres('a web process whose idle PostgreSQL connections are closed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('postgresql');
  });
  afterAll(async () => db.drop());

  it('keeps running and answers with new connections, after a report export too', async () => {
    const shop = await createShop(db.prisma);
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'token', scope: 'read_orders' });
    const appName = `idle-drop-${randomBytes(4).toString('hex')}`;
    const web = await startWebProcess(db.url, appName);
    try {
      const auth = { Authorization: `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: API_KEY, apiSecret: API_SECRET, userId: '1' })}` };
      // The export answers its headers first and streams: read it to the end, so its connection is idle.
      const exportReport = async () => {
        const response = await fetch(`${web.url}/api/report/export?format=csv`, { headers: auth });
        await response.text();
        return response.status;
      };
      expect(await exportReport()).toBe(200);
      // Both pools now hold idle connections: the app's and the export's.
      expect(await terminateIdleConnections(appName, 2)).toBeGreaterThanOrEqual(2);
      const exit = await Promise.race([web.exited, new Promise((resolve) => setTimeout(() => resolve('running'), 1500))]);
      expect(exit).toBe('running');
      expect((await fetch(`${web.url}/healthz`)).status).toBe(200);
      expect(await exportReport()).toBe(200);
      expect(web.output()).toMatch(/idle PostgreSQL connection was closed/);
    } finally {
      web.child.kill('SIGKILL');
      await web.exited;
    }
  });
});
