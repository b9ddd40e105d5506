// The checkout, customer-account and admin UI extensions (Preact + Polaris web components) running in
// Chromium against the real app in demo mode. Shopify's sandbox is played by the page: a `shopify`
// global with the target's API (language, session token, applyGiftCardChange) and `shopify.extend`
// calling the module's default export, as the bundle Shopify's CLI writes does. The Polaris
// elements are unknown to Chromium, so they render as plain elements with their text and handlers.
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { DEMO_SHOP_DOMAIN, loadConfig } from '../../web/runtime/config';
import { mintSessionToken } from '../../web/server/http/demo-routes';
import { periodStart } from '../../web/core/groups/read-member-tier';
import { createDatabase } from '../../web/server/db/create-database';
import { collectPageProblems, launchBrowser } from '../support/browser';
import { startDemoApp, type DemoApp } from '../support/demo-app';

const EXTENSIONS = path.resolve(__dirname, '../../extension');

/** The extension module bundled the way the Shopify CLI bundles it, with the app URL compiled in. */
async function bundle(module: string, target: string, appUrl: string): Promise<string> {
  const result = await build({
    stdin: { contents: `import run from './${module}';\nshopify.extend(${JSON.stringify(target)}, (...args) => run(...args));`, resolveDir: EXTENSIONS, loader: 'ts' },
    bundle: true, write: false, format: 'iife', jsx: 'automatic', jsxImportSource: 'preact', target: 'es2020',
    define: { 'process.env.SHOPIFY_APP_URL': JSON.stringify(appUrl), 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0]!.text;
}

describe('UI extensions in Chromium', () => {
  let browser: Browser;
  let demo: DemoApp;
  let customerGid: string;
  let memberId: string;
  let startingBalance: number;
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'file:unused.db', LOG_LEVEL: 'silent' });

  const admin = async (method: string, pathname: string, body?: unknown) => {
    const token = await mintSessionToken({ shop: DEMO_SHOP_DOMAIN, apiKey: config.shopify.apiKey, apiSecret: config.shopify.apiSecret });
    const response = await fetch(`${demo.url}/api${pathname}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  /** A checkout / customer-account session token as Shopify signs it: HS256 with the app secret, `sub` the customer. */
  const customerToken = () => {
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iss: `https://${DEMO_SHOP_DOMAIN}`, dest: DEMO_SHOP_DOMAIN, aud: config.shopify.apiKey, sub: customerGid, exp: now + 600, nbf: now - 1, iat: now - 1, jti: randomUUID() })}`;
    return `${input}.${createHmac('sha256', config.shopify.apiSecret).update(input).digest('base64url')}`;
  };

  beforeAll(async () => {
    [browser, demo] = await Promise.all([launchBrowser(), startDemoApp()]);
    const members = (await admin('GET', '/members?limit=5')) as { items: Array<{ id: string; shopifyCustomerId: string; currency: string }> };
    const member = members.items[1]!;
    customerGid = member.shopifyCustomerId;
    memberId = member.id;
    startingBalance = ((await admin('POST', `/members/${member.id}/adjustments`, { points: 400, description: 'Welcome bonus', idempotencyKey: randomUUID() })) as { member: { balance: number } }).member.balance;
    await admin('POST', '/rewards', { title: 'Gift card 15', type: 'gift_card', valueMinor: 1500, currency: member.currency, pointsCost: 300 });
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), demo?.close()]);
  });

  /** Runs an extension in a page that plays Shopify's sandbox; `api` is the target's API beyond the basics. */
  async function run(module: string, target: string, api: string) {
    const script = await bundle(module, target, demo.url);
    const context = await browser.newContext({ viewport: { width: 600, height: 900 } });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    // On the app's origin: Chromium's local-network protection refuses a cross-origin page calling a
    // loopback address (the API's CORS answers are covered by test/integration/extensions).
    const sandbox = `${demo.url}/__extension-sandbox`;
    await page.route(sandbox, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><meta charset="utf-8"></head><body><script>
        window.applied = [];
        window.shopify = {
          extend: (target, run) => run(),
          localization: { language: { value: { isoCode: 'en' } } },
          sessionToken: { get: async () => ${JSON.stringify(customerToken())} },
          ${api}
        };
      </script><script>${script.replace(/<\/script/g, '<\\/script')}</script></body></html>`,
    }));
    await page.goto(sandbox);
    return { context, page, problems };
  }

  const button = (page: Page, name: string | RegExp) => page.locator('s-button', { hasText: name });

  it('checkout: asks before spending points, then redeems and applies the gift card to the checkout', async () => {
    const { context, page, problems } = await run('checkout-loyalty/src/index.tsx', 'purchase.checkout.reductions.render-after', `
      applyGiftCardChange: async (change) => { window.applied.push(change); return { type: 'success' }; },`);
    try {
      await page.locator('s-heading', { hasText: `Your points: ${startingBalance.toLocaleString('en')} points` }).waitFor({ timeout: 20_000 });
      const row = page.locator('s-grid', { hasText: 'Gift card 15' });
      expect(await row.locator('s-button').getAttribute('accessibilityLabel')).toBe('Redeem Gift card 15 for 300 points');
      await row.locator('s-button').click();
      await page.getByText(`Spend 300 points on a €15 gift card? ${(startingBalance - 300).toLocaleString('en')} left`).waitFor();
      expect(await page.evaluate(() => (globalThis as unknown as { applied: unknown[] }).applied)).toEqual([]);
      await button(page, 'Yes, redeem').click();
      await page.locator('s-banner', { hasText: 'The gift card was applied to your order.' }).waitFor({ timeout: 20_000 });
      const applied = await page.evaluate(() => (globalThis as unknown as { applied: Array<{ type: string; code: string }> }).applied);
      expect(applied).toEqual([{ type: 'addGiftCard', code: expect.stringMatching(/^[A-Za-z0-9]{8,20}$/) }]);
      await page.locator('s-heading', { hasText: `Your points: ${(startingBalance - 300).toLocaleString('en')} points` }).waitFor({ timeout: 20_000 });
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  // After the checkout test: the same customer, with the card redeemed there.
  it('customer account: the Points page lists balance, gift cards and history, and reveals a code', async () => {
    const { context, page, problems } = await run('customer-account-points/src/points-page.tsx', 'customer-account.page.render', '');
    try {
      expect(await page.locator('s-page').getAttribute('heading')).toBe('Points');
      await page.locator('s-section[heading="Your points"] s-heading', { hasText: `${(startingBalance - 300).toLocaleString('en')} points` }).waitFor({ timeout: 20_000 });
      await page.getByText('Welcome bonus').waitFor({ timeout: 20_000 });
      await button(page, 'Show code').first().click();
      await button(page, 'Hide code').first().waitFor();
      await page.getByText(/^[A-Za-z0-9]{8,20}$/).first().waitFor();
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('order status: tells the points an order of this customer earns', async () => {
    const history = (await admin('GET', `/members/${memberId}/history?limit=100`)) as { items: Array<{ orderId: string | null; type: string; status: string; points: number }> };
    const earned = history.items.find((entry) => entry.orderId && entry.type === 'earn' && entry.status !== 'voided');
    expect(earned).toBeDefined();
    const orderPoints = history.items.filter((entry) => entry.orderId === earned!.orderId && entry.status !== 'voided').reduce((sum, entry) => sum + entry.points, 0);
    const { context, page, problems } = await run('customer-account-points/src/order-status-block.tsx', 'customer-account.order-status.block.render', `
      order: { value: { id: ${JSON.stringify(earned!.orderId)} } },`);
    try {
      await page.getByText(`This order earns you ${orderPoints.toLocaleString('en')} point${orderPoints === 1 ? '' : 's'}.`).waitFor({ timeout: 20_000 });
      expect(await page.locator('s-heading').innerText()).toBe('Points');
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('admin block: shows a product\'s loyalty tab and saves a change with the admin ID token', async () => {
    const { items } = (await admin('GET', '/products?limit=1')) as { items: Array<{ productId: string; loyalty: { enabled: boolean } }> };
    const product = items[0]!;
    const idToken = await mintSessionToken({ shop: DEMO_SHOP_DOMAIN, apiKey: config.shopify.apiKey, apiSecret: config.shopify.apiSecret });
    const texts = fs.readFileSync(path.join(EXTENSIONS, 'admin-product-loyalty', 'locales', 'en.default.json'), 'utf8');
    const { context, page, problems } = await run('admin-product-loyalty/src/index.tsx', 'admin.product-details.block.render', `
      data: { selected: [{ id: ${JSON.stringify(product.productId)} }] },
      auth: { idToken: async () => ${JSON.stringify(idToken)} },
      i18n: { translate: (key) => (${texts})[key] ?? key },`);
    try {
      expect(await page.locator('s-admin-block').getAttribute('heading')).toBe('Loyalty points');
      const earns = page.locator('s-checkbox[label="Earns points"]');
      // A label-only element has no box of its own outside Shopify's admin: attached, not visible.
      await earns.waitFor({ state: 'attached', timeout: 20_000 });
      // What Polaris' checkbox does when the merchant ticks it: its `checked` changes, then `change`.
      await earns.evaluate((element, checked) => {
        (element as unknown as { checked: boolean }).checked = checked;
        element.dispatchEvent(new Event('change'));
      }, !product.loyalty.enabled);
      await button(page, 'Save').click();
      await page.locator('s-banner', { hasText: 'Loyalty settings saved.' }).waitFor({ timeout: 20_000 });
      const saved = (await admin('GET', `/products/${encodeURIComponent(product.productId)}/loyalty`)) as { product: { enabled: boolean } };
      expect(saved.product.enabled).toBe(!product.loyalty.enabled);
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('checkout and customer account: show the tier, its benefit and "€150 more to Gold", and offer the birthday once', async () => {
    const database = createDatabase(demo.databaseUrl, { poolSize: 2 });
    try {
      const prisma = database.prisma;
      const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
      const since = periodStart('calendar_year', new Date(), shop.ianaTimezone);
      const orders = await prisma.orderRecord.findMany({ where: { shopId: shop.id, memberId, paidAt: { not: null }, cancelledAt: null, processedAt: { gte: since } }, select: { eligibleMinor: true } });
      const reached = orders.reduce((sum, order) => sum + Number(order.eligibleMinor), 0);
      const silver = await prisma.customerGroup.create({ data: { shopId: shop.id, name: 'Silver', kind: 'automatic', tierRank: 1, tierMetric: 'spend', tierThreshold: 0n, tierPeriod: 'calendar_year', benefitKind: 'discount', benefitDiscountPercent: 10 } });
      await prisma.customerGroup.create({ data: { shopId: shop.id, name: 'Gold', kind: 'automatic', tierRank: 2, tierMetric: 'spend', tierThreshold: BigInt(reached + 15_000), tierPeriod: 'calendar_year', benefitKind: 'discount', benefitDiscountPercent: 20 } });
      await prisma.groupMember.create({ data: { groupId: silver.id, memberId, shopId: shop.id, source: 'tier', joinedAt: new Date() } });
      await prisma.member.update({ where: { id: memberId }, data: { birthMonth: null, birthDay: null } });
    } finally {
      await database.close();
    }
    const checkout = await run('checkout-loyalty/src/index.tsx', 'purchase.checkout.reductions.render-after', `applyGiftCardChange: async () => ({ type: 'success' }),`);
    try {
      for (const text of ['Level: Silver', '10% off every order', '€150 more to Gold']) await checkout.page.locator('s-text', { hasText: text }).first().waitFor({ timeout: 20_000 });
      expect(checkout.problems.all()).toEqual([]);
    } finally {
      await checkout.context.close();
    }
    const account = await run('customer-account-points/src/points-page.tsx', 'customer-account.page.render', '');
    try {
      for (const text of ['Level: Silver', '10% off every order', '€150 more to Gold']) await account.page.locator('s-section[heading="Your points"] s-text', { hasText: text }).first().waitFor({ timeout: 20_000 });
      expect(await account.page.locator('s-section[heading="Your points"] s-progress').count()).toBe(1);
      await account.page.locator('s-section[heading="Your birthday"] s-checkbox[label="I agree that the shop keeps my birthday for birthday rewards."]').waitFor({ state: 'attached' });
      expect(account.problems.all()).toEqual([]);
    } finally {
      await account.context.close();
    }
  });
});
