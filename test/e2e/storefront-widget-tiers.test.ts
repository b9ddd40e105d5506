// The theme widget's member part in Chromium (assets/loyalty-widget-member.js, imported on demand): the
// member's tier, its benefit and "€150 more to Gold" in the customer's language, and the birthday
// entered once with consent. The app runs in demo mode; the tiers are written to its database directly
// (GroupMember rows are maintained elsewhere in the app).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { bundleMemberPanel, bundleWidget } from '../../scripts/build-extensions';
import { DEMO_SHOP_DOMAIN, loadConfig } from '../../web/runtime/config';
import { periodStart } from '../../web/core/groups/read-member-tier';
import { createDatabase, type Database } from '../../web/server/db/create-database';
import { collectPageProblems, launchBrowser } from '../support/browser';
import { startDemoApp, type DemoApp } from '../support/demo-app';
import { startStorefront, type Storefront } from '../support/storefront-imitation';

const WIDGET_CSS = path.resolve(__dirname, '../../extension/theme-loyalty-widget/assets/loyalty-widget.css');

describe('storefront widget: tier progress and birthday in Chromium', () => {
  let browser: Browser;
  let demo: DemoApp;
  let storefront: Storefront;
  let database: Database;
  let customerId: string;
  let memberId: string;
  const demoConfig = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'file:unused.db', LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    let widgetJs: string;
    let memberJs: string;
    [browser, demo, widgetJs, memberJs] = await Promise.all([launchBrowser(), startDemoApp(), bundleWidget(), bundleMemberPanel()]);
    database = createDatabase(demo.databaseUrl, { poolSize: 2 });
    const prisma = database.prisma;
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
    const member = await prisma.member.findFirstOrThrow({ where: { shopId: shop.id }, orderBy: { createdAt: 'asc' } });
    [customerId, memberId] = [member.shopifyCustomerId.split('/').pop()!, member.id];
    // Gold sits €150 above the member's spend this year, as the server counts it.
    const reached = await reachedThisYear(shop.id);
    const silver = await prisma.customerGroup.create({ data: { shopId: shop.id, name: 'Silver', kind: 'automatic', tierRank: 1, tierMetric: 'spend', tierThreshold: 0n, tierPeriod: 'calendar_year', benefitKind: 'discount', benefitDiscountPercent: 10 } });
    await prisma.customerGroup.create({ data: { shopId: shop.id, name: 'Gold', kind: 'automatic', tierRank: 2, tierMetric: 'spend', tierThreshold: BigInt(reached + 15_000), tierPeriod: 'calendar_year', benefitKind: 'discount', benefitDiscountPercent: 20 } });
    await prisma.groupMember.create({ data: { groupId: silver.id, memberId, shopId: shop.id, source: 'tier', joinedAt: new Date() } });
    await prisma.member.update({ where: { id: memberId }, data: { birthMonth: null, birthDay: null, birthYear: null, birthdaySource: null } });
    storefront = await startStorefront({ appUrl: demo.url, shop: DEMO_SHOP_DOMAIN, apiSecret: demoConfig.shopify.apiSecret, widgetJs, memberJs, widgetCss: fs.readFileSync(WIDGET_CSS, 'utf8') });
  });

  /** What the server counts: paid, uncancelled orders processed since January 1st in the shop's time zone. */
  async function reachedThisYear(shopId: string): Promise<number> {
    const shop = await database.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const since = periodStart('calendar_year', new Date(), shop.ianaTimezone);
    const rows = await database.prisma.orderRecord.findMany({ where: { shopId, memberId, paidAt: { not: null }, cancelledAt: null, processedAt: { gte: since } }, select: { eligibleMinor: true } });
    return rows.reduce((sum, row) => sum + Number(row.eligibleMinor), 0);
  }

  afterAll(async () => {
    await database?.close();
    await Promise.all([browser?.close(), demo?.close(), storefront?.close()]);
  });

  it('shows the tier, its discount and "€150 more to Gold" (Dutch too), and takes the birthday once', async () => {
    for (const [locale, texts] of [['en', ['Level: Silver', '10% off every order', '€150 more to Gold']], ['nl', ['Niveau: Silver', '10% korting op elke bestelling', 'Nog € 150 tot Gold']]] as const) {
      const context = await browser.newContext({ locale, viewport: { width: 1100, height: 1000 } });
      await context.addCookies([{ name: 'storefront_customer', value: customerId, url: storefront.url }]);
      const page = await context.newPage();
      const problems = collectPageProblems(page);
      try {
        await page.goto(`${storefront.url}/pages/rewards?locale=${locale}`);
        const tier = page.locator('section.slw--section .slw-tier');
        await tier.waitFor({ timeout: 20_000 });
        for (const text of texts) await tier.getByText(text, { exact: true }).waitFor();
        expect(await tier.locator('progress').count()).toBe(1);
        if (locale === 'en') {
          await page.screenshot({ path: '/tmp/groups-shopify-widget-tier.png', fullPage: true });
          const form = page.locator('section.slw--section .slw-birthday');
          await form.locator('[data-slw-birthday]').fill('1990-04-12');
          await form.locator('[data-slw-consent]').check();
          await form.getByRole('button', { name: 'Save birthday' }).click();
          await form.waitFor({ state: 'detached', timeout: 20_000 });
          const stored = await database.prisma.member.findUniqueOrThrow({ where: { id: memberId } });
          expect([stored.birthMonth, stored.birthDay, stored.birthdaySource]).toEqual([4, 12, 'customer']);
        }
        expect(problems.all()).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});
