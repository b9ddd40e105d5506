// Shopify's own build of the app, as `shopify app deploy` runs it: the CLI bundles the UI extensions
// and runs Theme Check on the theme app extension. Any error or warning it prints fails the suite,
// and its bundles are held to Shopify's 64 KB limit for UI extensions.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { shopifyCliEnv } from '../../../scripts/shopify-app';

const root = path.resolve(__dirname, '../../..');
const UI_EXTENSION_LIMIT_BYTES = 64 * 1024;
const APP_URL = 'https://loyalty-build-check.example.net';

// --skip-dependencies-installation: otherwise the CLI runs `npm install` in the repository mid-suite,
// which rebuilds the admin UI under jest's NODE_ENV and rewrites node_modules under the running tests.
function runCli(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'shopify'), ['app', 'build', '--path', root, '--skip-dependencies-installation'], {
      env: shopifyCliEnv({ ...process.env, SHOPIFY_APP_URL: APP_URL, FORCE_COLOR: '0', NO_COLOR: '1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('shopify app build (Shopify CLI, offline)', () => {
  let result: { code: number | null; output: string };

  beforeAll(async () => {
    for (const name of ['checkout-loyalty', 'customer-account-points', 'admin-product-loyalty']) fs.rmSync(path.join(root, 'extension', name, 'dist'), { recursive: true, force: true });
    result = await runCli();
  }, 240_000);

  it('builds every extension without an error or a warning, Theme Check included', () => {
    // The CLI exits 0 even when Theme Check reports errors: its output is what counts.
    const problems = result.output.split('\n').filter((line) => /error|warning|✘|ENOENT|exceeds/i.test(line));
    expect(problems).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.output).toContain('Running theme check on your Theme app extension');
    expect(result.output).toMatch(/service-loyalty built!/);
  });

  it("keeps each UI extension's bundle, as the CLI builds it, within Shopify's 64 KB limit", () => {
    for (const name of ['checkout-loyalty', 'customer-account-points', 'admin-product-loyalty']) {
      const bundle = path.join(root, 'extension', name, 'dist', `${name}.js`);
      expect([name, fs.statSync(bundle).size <= UI_EXTENSION_LIMIT_BYTES]).toEqual([name, true]);
    }
  });

  it('builds the app URL the customer extensions call from configuration', () => {
    for (const name of ['checkout-loyalty', 'customer-account-points']) {
      const bundle = fs.readFileSync(path.join(root, 'extension', name, 'dist', `${name}.js`), 'utf8');
      expect(bundle).toContain(APP_URL);
      expect(bundle).not.toContain('process.env.SHOPIFY_APP_URL');
    }
  });
});
