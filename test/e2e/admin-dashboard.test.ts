// The embedded admin dashboard in a real browser: the demo app (seeded "Demo Salon & Studio", App Bridge
// stand-in instead of Shopify's CDN) serving the built frontend.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { collectPageProblems, launchBrowser } from '../support/browser';
import { startDemoApp } from '../support/demo-app';

const DEMO_SHOP_NAME = 'Demo Salon & Studio';
const RESULTS_DIR = path.resolve(__dirname, '../../test-results');
const COUNT_IDS = ['members', 'products', 'services', 'orders', 'pendingPoints'] as const;

async function countText(page: Page, id: (typeof COUNT_IDS)[number]): Promise<string> {
  // The card's second paragraph is the number (label is an h3, help text the last paragraph).
  return (await page.getByTestId(`count-${id}`).locator('p').first().innerText()).trim();
}

function digitsOf(text: string): number {
  return Number(text.replace(/\D/g, ''));
}

describe('admin dashboard in Chromium', () => {
  let browser: Browser;
  let demo: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    [browser, demo] = await Promise.all([launchBrowser(), startDemoApp()]);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), demo?.close()]);
  });

  async function openDashboard(query = '') {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    await page.goto(`${demo.url}/${query}`);
    await page.getByRole('heading', { level: 1, name: DEMO_SHOP_NAME }).waitFor({ timeout: 20_000 });
    await page.getByTestId('count-members').waitFor();
    return { context, page, problems };
  }

  it('shows the demo shop with its member, catalog and points counts and no browser errors', async () => {
    const { context, page, problems } = await openDashboard();
    try {
      for (const label of ['Members', 'Products', 'Services', 'Orders', 'Pending points', 'Outstanding points value']) {
        await page.getByRole('heading', { level: 3, name: label, exact: true }).waitFor();
      }
      expect(digitsOf(await countText(page, 'members'))).toBeGreaterThan(0);
      for (const id of COUNT_IDS) expect(await countText(page, id)).toMatch(/^[\d,]+$/);
      // The liability in money at the demo rewards' value (€10 for 100 points), with the points and that value.
      const liability = page.getByTestId('count-stat-liability');
      await liability.waitFor();
      const liabilityText = await liability.innerText();
      expect(liabilityText).toMatch(/€[\d,]+\.\d\d/);
      expect(liabilityText).toContain('1 point ≈ €0.10');
      await page.getByTestId('setup-guide').getByText(/\d of 6 done/).waitFor();
      await page.getByTestId('email-server-banner').getByText('E-mails are not being sent').waitFor();
      await page.screenshot({ path: path.join(RESULTS_DIR, 'admin-dashboard.png'), fullPage: true });
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('speaks Ukrainian with ?locale=uk, numbers formatted the Ukrainian way', async () => {
    const { context, page, problems } = await openDashboard('?locale=uk');
    try {
      for (const label of ['Учасники', 'Товари', 'Послуги', 'Замовлення', 'Бали в очікуванні', 'Вартість непогашених балів']) {
        await page.getByRole('heading', { level: 3, name: label, exact: true }).waitFor();
      }
      expect(await page.locator('html').getAttribute('lang')).toBe('uk');
      expect(await page.getByRole('heading', { level: 3, name: 'Members', exact: true }).count()).toBe(0);
      const ukrainian = new Intl.NumberFormat('uk');
      for (const id of COUNT_IDS) {
        const text = await countText(page, id);
        expect(text).toBe(ukrainian.format(digitsOf(text)));
      }
      expect(digitsOf(await countText(page, 'members'))).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'admin-dashboard-uk.png'), fullPage: true });
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
