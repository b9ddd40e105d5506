import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../web/runtime/config';

describe('configuration', () => {
  it('runs in demo mode with documented defaults when SHOPIFY_API_KEY is unset', () => {
    const config = loadConfig({});
    expect(config.demoMode).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ url: 'file:./data/loyalty.db', kind: 'sqlite', poolSize: 10 });
    expect(config.shopify.apiKey).toBe('demo-api-key');
    expect(config.runJobsInWeb).toBe(true);
    expect(config.redemptionStuckAfterMs).toBe(15 * 60_000);
  });

  it('lets SHOPIFY_API_SECRET override the demo secret', () => {
    expect(loadConfig({ SHOPIFY_API_SECRET: 'my-own-demo-secret' }).shopify.apiSecret).toBe('my-own-demo-secret');
  });

  it('recognises a PostgreSQL DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db:5432/loyalty' }).database.kind).toBe('postgresql');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ SHOPIFY_API_KEY: 'k' }, 'SHOPIFY_API_SECRET'],
    [{ SHOPIFY_API_KEY: 'k', SHOPIFY_API_SECRET: 'secret-123456' }, 'SHOPIFY_APP_URL'],
    [{ SHOPIFY_APP_URL: 'not a url' }, 'SHOPIFY_APP_URL'],
    [{ SMTP_SECURE: 'maybe' }, 'SMTP_SECURE'],
    [{ SCOPES: 'read orders' }, 'SCOPES'],
    [{ NODE_ENV: 'production', UNSAFE_SMTP_ALLOW_PRIVATE_HOSTS: 'true' }, 'UNSAFE_SMTP_ALLOW_PRIVATE_HOSTS'],
    [{ REDEMPTION_STUCK_AFTER_SECONDS: '5' }, 'REDEMPTION_STUCK_AFTER_SECONDS'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    }
  });

  it("lets shops' SMTP reach private hosts only in demo mode or through the unsafe flag", () => {
    const live = { SHOPIFY_API_KEY: 'k', SHOPIFY_API_SECRET: 'secret-123456', SHOPIFY_APP_URL: 'https://loyalty.example.com' };
    expect(loadConfig(live).smtp.allowPrivateShopHosts).toBe(false);
    expect(loadConfig({ ...live, NODE_ENV: 'test', UNSAFE_SMTP_ALLOW_PRIVATE_HOSTS: 'true' }).smtp.allowPrivateShopHosts).toBe(true);
    expect(loadConfig({}).smtp.allowPrivateShopHosts).toBe(true);
  });

  it('never echoes a secret value in the error', () => {
    expect(() => loadConfig({ SHOPIFY_API_SECRET: 'short' })).toThrow(/^Invalid configuration: SHOPIFY_API_SECRET must be at least 8 characters$/);
  });

  it('stops the process with one clear line and a non-zero exit on a bad variable', () => {
    const root = path.resolve(__dirname, '../../..');
    const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['web/server/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration: PORT must be a port number (got "not-a-port")');
  });
});
