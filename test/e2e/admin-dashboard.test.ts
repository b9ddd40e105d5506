// The embedded admin dashboard in a real browser: the demo app (seeded "Demo Salon & Studio", App Bridge
// stand-in instead of Shopify's CDN) serving the built frontend.
import type { Page } from 'playwright-core';
import { demoAdminInChromium } from '../support/admin-ui-helpers';

const DEMO_SHOP_NAME = 'Demo Salon & Studio';
const COUNT_IDS = ['members', 'products', 'services', 'orders', 'pendingPoints'] as const;

async function countText(page: Page, id: (typeof COUNT_IDS)[number]): Promise<string> {
  // The card's second paragraph is the number (label is an h3, help text the last paragraph).
  return (await page.getByTestId(`count-${id}`).locator('p').first().innerText()).trim();
}

function digitsOf(text: string): number {
  return Number(text.replace(/\D/g, ''));
}

describe('admin dashboard in Chromium', () => {
  const { open, screenshot } = demoAdminInChromium();

  async function openDashboard(query = '') {
    const { context, page, problems } = await open(`/${query}`);
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
      // Demo mode catches e-mail in its "Sent in demo" inbox: no "e-mails are not being sent" banner.
      expect(await page.getByTestId('email-server-banner').count()).toBe(0);
      await screenshot(page, 'admin-dashboard');
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
      await screenshot(page, 'admin-dashboard-uk');
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
