// The theme widget in real Chromium on an imitation storefront whose app proxy signs requests as
// Shopify does and forwards them to the real app in demo mode (simulator + seeded demo shop).
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { bundleWidget } from '../../scripts/build-extensions';
import { DEMO_SHOP_DOMAIN, loadConfig } from '../../web/server/config';
import { mintSessionToken } from '../../web/server/http/demo-routes';
import { collectPageProblems, launchBrowser } from '../support/browser';
import { startDemoApp, type DemoApp } from '../support/demo-app';
import { startStorefront, type Storefront } from '../support/storefront-imitation';

const RESULTS_DIR = path.resolve(__dirname, '../../test-results');
const WIDGET_CSS = path.resolve(__dirname, '../../extension/theme-loyalty-widget/assets/loyalty-widget.css');

describe('storefront loyalty widget in Chromium', () => {
  let browser: Browser;
  let demo: DemoApp;
  let storefront: Storefront;
  let widgetJs: string;
  let customerId: string;
  let startingBalance: number;
  const demoConfig = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'file:unused.db', LOG_LEVEL: 'silent' });

  const admin = async (method: string, pathname: string, body?: unknown) => {
    const token = await mintSessionToken({ shop: DEMO_SHOP_DOMAIN, apiKey: demoConfig.shopify.apiKey, apiSecret: demoConfig.shopify.apiSecret });
    const response = await fetch(`${demo.url}/api${pathname}`, {
      method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  beforeAll(async () => {
    [browser, demo, widgetJs] = await Promise.all([launchBrowser(), startDemoApp(), bundleWidget()]);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    // A demo customer with 500 points more than they had, and a reward of 200 points.
    const members = (await admin('GET', '/members?limit=5')) as { items: Array<{ id: string; shopifyCustomerId: string; balance: number; currency: string }> };
    const member = members.items[0]!;
    const adjusted = (await admin('POST', `/members/${member.id}/adjustments`, { points: 500, description: 'Welcome bonus', idempotencyKey: randomUUID() })) as { member: { balance: number } };
    startingBalance = adjusted.member.balance;
    customerId = member.shopifyCustomerId.split('/').pop()!;
    await admin('POST', '/rewards', { title: 'Gift card 10', type: 'gift_card', valueMinor: 1000, currency: member.currency, pointsCost: 200 });
    await admin('POST', '/rewards', { title: 'Big gift card', type: 'gift_card', valueMinor: 5000, currency: member.currency, pointsCost: 10_000_000 });
    storefront = await startStorefront({ appUrl: demo.url, shop: DEMO_SHOP_DOMAIN, apiSecret: demoConfig.shopify.apiSecret, widgetJs, widgetCss: fs.readFileSync(WIDGET_CSS, 'utf8') });
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), demo?.close(), storefront?.close()]);
  });

  async function open(options: { signedIn: boolean; locale: string }) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1000 }, locale: options.locale });
    if (options.signedIn) {
      await context.addCookies([{ name: 'storefront_customer', value: customerId, url: storefront.url }]);
    }
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    await page.goto(`${storefront.url}/pages/rewards?locale=${options.locale}`);
    return { context, page, problems };
  }

  const section = (page: Page) => page.locator('section.slw--section');

  it('is within 20 KB gzipped', () => {
    expect(gzipSync(widgetJs).length).toBeLessThanOrEqual(20 * 1024);
  });

  it('lets a signed-in customer redeem a reward: the balance drops and the gift card code appears', async () => {
    const { context, page, problems } = await open({ signedIn: true, locale: 'en' });
    try {
      const balance = section(page).locator('[data-slw-balance]');
      await balance.waitFor({ timeout: 20_000 });
      expect(await balance.getAttribute('data-slw-balance')).toBe(String(startingBalance));
      expect(await balance.innerText()).toBe(`${startingBalance.toLocaleString('en')} points`);
      expect(await section(page).locator('.slw-earn summary').innerText()).toBe('How to earn points');

      // Unaffordable reward: disabled, with the reason shown.
      const big = section(page).getByRole('button', { name: /Redeem Big gift card/ });
      expect(await big.isDisabled()).toBe(true);
      await section(page).getByText(/You need .* more/).first().waitFor();

      await page.screenshot({ path: path.join(RESULTS_DIR, 'storefront-widget-signed-in.png'), fullPage: true });
      await section(page).getByRole('button', { name: /Redeem Gift card 10 for 200 points/ }).click();

      const code = section(page).locator('.slw-fresh [data-slw-code]');
      await code.waitFor({ timeout: 20_000 });
      expect(await code.innerText()).toMatch(/^[A-Za-z0-9]{8,20}$/);
      await section(page).getByText('Enter this code in the gift card field at checkout.').waitFor();
      await section(page).locator(`[data-slw-balance="${startingBalance - 200}"]`).waitFor();
      // The issued card is listed masked, and its code can be revealed by this customer.
      await section(page).getByRole('heading', { name: 'Your gift cards' }).waitFor();
      await section(page).getByRole('button', { name: 'Show code' }).first().click();
      await section(page).getByRole('button', { name: 'Hide code' }).first().waitFor();
      await page.screenshot({ path: path.join(RESULTS_DIR, 'storefront-widget-redeemed.png'), fullPage: true });
      expect(storefront.forwarded.filter((f) => f.path === '/apps/loyalty/redeem').map((f) => f.status)).toEqual([201]);
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens the launcher as a dialog from the keyboard, closes it with Escape and returns focus', async () => {
    const { context, page, problems } = await open({ signedIn: true, locale: 'en' });
    try {
      const launcher = page.getByRole('button', { name: 'Open rewards' });
      await launcher.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Rewards' });
      await dialog.waitFor();
      expect(await launcher.getAttribute('aria-expanded')).toBe('true');
      await dialog.locator('[data-slw-balance]').waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(RESULTS_DIR, 'storefront-widget-launcher.png') });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await launcher.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows a guest how to earn and a sign-in link, without calling private endpoints', async () => {
    const { context, page, problems } = await open({ signedIn: false, locale: 'en' });
    try {
      await section(page).getByText('Sign in to see your points and redeem rewards.').waitFor({ timeout: 20_000 });
      expect(await section(page).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/account/login');
      await section(page).locator('.slw-earn li').first().waitFor();
      const rules = await section(page).locator('.slw-earn li').allInnerTexts();
      expect(rules.some((rule) => /after your appointment/.test(rule))).toBe(true);
      expect(await section(page).locator('[data-slw-balance]').count()).toBe(0);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'storefront-widget-guest.png'), fullPage: true });
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('speaks Polish on a Polish storefront, with Polish plural forms', async () => {
    const { context, page, problems } = await open({ signedIn: true, locale: 'pl' });
    try {
      const balance = section(page).locator('[data-slw-balance]');
      await balance.waitFor({ timeout: 20_000 });
      await section(page).getByText('Twoje punkty').waitFor();
      await section(page).getByRole('heading', { name: 'Historia' }).waitFor();
      expect(await section(page).locator('.slw-earn summary').innerText()).toBe('Jak zdobywać punkty');
      expect(await balance.innerText()).toMatch(/punkt(y|ów|u)?$/);
      expect(await section(page).getByRole('button', { name: /^Wymień/ }).count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'storefront-widget-pl.png'), fullPage: true });
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
