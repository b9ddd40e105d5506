// Headless Debian Chromium through playwright-core (never `npx playwright install`: no downloads here).
// Set CHROMIUM_PATH to use another binary.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const APP_BRIDGE_STANDIN_FILE = path.resolve(__dirname, '../../web/frontend/demo/app-bridge-standin.js');

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  /** Every problem as one list, handy for `expect(problems.all()).toEqual([])`. */
  all(): string[];
}

/** Starts recording console errors and uncaught exceptions; attach before the first navigation. */
export function collectPageProblems(page: Page): PageProblems {
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    consoleErrors.push(url ? `${message.text()} (${url}:${lineNumber})` : message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  return {
    consoleErrors,
    pageErrors,
    all: () => [...consoleErrors.map((text) => `console: ${text}`), ...pageErrors.map((text) => `page: ${text}`)],
  };
}

/**
 * For pages built with the real App Bridge script tag (not demo mode's swapped URL): answers Shopify's
 * unreachable CDN with the local stand-in, and anything else on the CDN with 404 so unexpected
 * dependencies on it show up as failures.
 */
export async function routeAppBridgeToStandIn(target: Page | BrowserContext): Promise<void> {
  const standIn = fs.readFileSync(APP_BRIDGE_STANDIN_FILE, 'utf8');
  await target.route('https://cdn.shopify.com/**', async (route) => {
    if (new URL(route.request().url()).pathname.endsWith('/app-bridge.js')) {
      await route.fulfill({ status: 200, contentType: 'application/javascript', body: standIn });
    } else {
      await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not available in tests' });
    }
  });
}
