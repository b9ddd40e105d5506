// Runs Shopify's CLI on this app with the configuration the extensions are built from:
// SHOPIFY_APP_URL (the URL the checkout and customer-account extensions call, see
// extension/shared/app-url.ts) from the environment, else shopify.app.toml's application_url.
// `build` works offline; `deploy` refuses the placeholder URL.
//   tsx scripts/shopify-app.ts build | deploy [more CLI flags]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const PLACEHOLDER_URL = 'https://example.com';

export function appUrlFromConfig(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SHOPIFY_APP_URL) return env.SHOPIFY_APP_URL;
  const toml = fs.readFileSync(path.join(root, 'shopify.app.toml'), 'utf8');
  const url = /^application_url\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!url) throw new Error('shopify.app.toml has no application_url and SHOPIFY_APP_URL is not set.');
  return url;
}

/** The CLI's environment: no prompts, no analytics (offline), and the app URL the extensions embed. */
export function shopifyCliEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, CI: '1', SHOPIFY_CLI_NO_ANALYTICS: '1', SHOPIFY_APP_URL: appUrlFromConfig(env) };
}

if (require.main === module) {
  const [command = 'build', ...rest] = process.argv.slice(2);
  const env = shopifyCliEnv();
  if (command === 'deploy' && env.SHOPIFY_APP_URL === PLACEHOLDER_URL) {
    console.error(`The app URL is still the placeholder ${PLACEHOLDER_URL}: set SHOPIFY_APP_URL or run \`shopify app config link\`.`);
    process.exit(1);
  }
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'shopify'), ['app', command, '--path', root, ...(command === 'build' ? ['--skip-dependencies-installation'] : []), ...rest], { stdio: 'inherit', env });
  process.exit(result.status ?? 1);
}
