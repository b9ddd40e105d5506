// What the admin UI e2e tests share: open a page of the demo app in a fresh browser context, save a
// screenshot, call the demo app's API with a demo session token, find a member, wait for a toast; and
// the Chromium plus demo app that a describe block starts once for all its tests.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectPageProblems, launchBrowser, type PageProblems } from './browser';
import { startDemoApp } from './demo-app';

export const RESULTS_DIR = path.resolve(__dirname, '../../test-results');

export interface DemoMember {
  id: string;
  balance: number;
  firstName: string;
  lastName: string;
  shopifyCustomerId: string;
}

export function adminUiHelpers(session: () => { browser: Browser; url: string }) {
  async function open(pathAndQuery: string, setup?: (context: BrowserContext) => Promise<void>): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
    const { browser, url } = session();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await setup?.(context);
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    await page.goto(`${url}${pathAndQuery}`);
    return { context, page, problems };
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), fullPage: true });
  }

  /** The demo app's API with a demo session token, for setting up and checking what the UI saved. */
  async function api<T>(pathAndQuery: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const { url } = session();
    const { token } = (await (await fetch(`${url}/demo/session-token`)).json()) as { token: string };
    const response = await fetch(`${url}${pathAndQuery}`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!response.ok) throw new Error(`${pathAndQuery} answered ${response.status}: ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async function findMember(query: string): Promise<DemoMember> {
    const result = await api<{ items: DemoMember[] }>(`/api/members?query=${encodeURIComponent(query)}`);
    expect(result.items.length).toBeGreaterThan(0);
    return result.items[0]!;
  }

  async function toast(page: Page, text: string | RegExp): Promise<void> {
    await page.locator('[data-standin="toasts"] [role="status"]', { hasText: text }).first().waitFor({ timeout: 10_000 });
  }

  return { open, screenshot, api, findMember, toast };
}

/**
 * Call inside a describe block: starts Chromium and the demo app before its tests (and creates the
 * results folder), closes both after them, and gives the helpers above plus the demo app's url.
 */
export function demoAdminInChromium() {
  let browser: Browser;
  let demo: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    [browser, demo] = await Promise.all([launchBrowser(), startDemoApp()]);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([browser?.close(), demo?.close()]);
  });

  return { ...adminUiHelpers(() => ({ browser, url: demo.url })), url: () => demo.url };
}
