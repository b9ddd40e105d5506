// The theme widget in real Chromium on an imitation storefront whose app proxy signs requests as
// Shopify does and forwards them to the real app in demo mode (simulator + seeded demo shop).
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { bundleWidget } from '../../scripts/build-extensions';
import { DEMO_SHOP_DOMAIN, loadConfig } from '../../web/runtime/config';
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

  async function open(options: { signedIn: boolean; locale: string; width?: number; path?: string }) {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1100, height: options.width && options.width < 600 ? 844 : 1000 }, locale: options.locale });
    if (options.signedIn) {
      await context.addCookies([{ name: 'storefront_customer', value: customerId, url: storefront.url }]);
    }
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    await page.goto(`${storefront.url}${options.path ?? '/pages/rewards'}?locale=${options.locale}`);
    return { context, page, problems };
  }

  const section = (page: Page) => page.locator('section.slw--section');

  it("is within Theme Check's 10,000 bytes for app block JavaScript", () => {
    expect(Buffer.byteLength(widgetJs)).toBeLessThanOrEqual(10_000);
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
      // Nothing is spent before the customer confirms.
      await section(page).getByText(`Spend 200 points on a €10 gift card? ${(startingBalance - 200).toLocaleString('en')} left`).waitFor();
      expect(storefront.forwarded.filter((f) => f.path === '/apps/loyalty/redeem')).toEqual([]);
      await section(page).getByRole('button', { name: 'Yes, redeem' }).click();

      const code = section(page).locator('.slw-fresh [data-slw-code]');
      await code.waitFor({ timeout: 20_000 });
      expect(await code.innerText()).toMatch(/^[A-Za-z0-9]{8,20}$/);
      await section(page).getByText('Enter this code in the gift card field at checkout.').waitFor();
      expect(await section(page).getByText('Your gift card is ready').count()).toBe(1);
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
    const { context, page, problems } = await open({ signedIn: true, locale: 'en', path: '/' });
    try {
      const launcher = page.getByRole('button', { name: 'Open rewards' });
      await launcher.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Rewards' });
      await dialog.waitFor();
      // The launcher steps aside while the dialog is open.
      expect(await launcher.isHidden()).toBe(true);
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

  it('asks before spending points, from the keyboard: the question takes the focus, Cancel gives it back and spends nothing', async () => {
    const { context, page, problems } = await open({ signedIn: true, locale: 'en' });
    try {
      const redeem = section(page).getByRole('button', { name: /Redeem Gift card 10 for 200 points/ });
      await redeem.waitFor({ timeout: 20_000 });
      // The Rewards page has the section: no launcher covering it.
      expect(await page.locator('[data-slw-launcher]').isHidden()).toBe(true);
      const balance = await section(page).locator('[data-slw-balance]').getAttribute('data-slw-balance');
      await redeem.focus();
      await page.keyboard.press('Enter');
      const confirm = section(page).getByRole('button', { name: 'Yes, redeem' });
      await confirm.waitFor();
      expect(await confirm.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      // A screen reader hears the question with the button.
      const question = await confirm.getAttribute('aria-describedby');
      expect(await section(page).locator(`#${question}`).innerText()).toMatch(/^Spend 200 points on a €10 gift card\? [\d,]+ left$/);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await redeem.waitFor();
      expect(await redeem.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      expect(await section(page).locator('[data-slw-balance]').getAttribute('data-slw-balance')).toBe(balance);
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows a guest the rewards, how to earn and how to join, without calling private endpoints', async () => {
    const forwardedBefore = storefront.forwarded.length;
    const { context, page, problems } = await open({ signedIn: false, locale: 'en' });
    try {
      await section(page).getByText('Join our rewards programme: earn points on every visit and spend them on gift cards.').waitFor({ timeout: 20_000 });
      expect(await section(page).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/account/login');
      expect(await section(page).getByRole('link', { name: 'Create account' }).getAttribute('href')).toBe('/account/register');
      await section(page).getByText('Gift card 10').waitFor();
      await section(page).getByText('Costs 200 points').first().waitFor();
      expect(await section(page).getByRole('button', { name: /^Redeem/ }).count()).toBe(0);
      await section(page).locator('.slw-earn li').first().waitFor();
      const rules = await section(page).locator('.slw-earn li').allInnerTexts();
      expect(rules.some((rule) => /after your appointment/.test(rule))).toBe(true);
      expect(await section(page).locator('[data-slw-balance]').count()).toBe(0);
      expect(new Set(storefront.forwarded.slice(forwardedBefore).map((f) => f.path))).toEqual(new Set(['/apps/loyalty/program', '/apps/loyalty/rewards']));
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

  it('renders the texts Liquid takes from the locales in each of the five languages', async () => {
    const expected: Record<string, { title: string; intro: string; join: string }> = {};
    for (const locale of ['en', 'nl', 'uk', 'da', 'pl']) {
      const file = path.resolve(__dirname, '../../extension/theme-loyalty-widget/locales', locale === 'en' ? 'en.default.json' : `${locale}.json`);
      const { loyalty } = JSON.parse(fs.readFileSync(file, 'utf8')) as { loyalty: Record<string, string> };
      expected[locale] = { title: loyalty.title!, intro: loyalty.guestIntro!, join: loyalty.join! };
    }
    // Five different languages, not one catalogue five times.
    expect(new Set(Object.values(expected).map((e) => e.join)).size).toBe(5);
    for (const [locale, words] of Object.entries(expected)) {
      const { context, page, problems } = await open({ signedIn: false, locale });
      try {
        expect(await section(page).getByRole('heading', { level: 2 }).innerText()).toBe(words.title);
        await section(page).getByText(words.intro).waitFor({ timeout: 20_000 });
        await section(page).getByRole('link', { name: words.join }).waitFor();
        expect(problems.all()).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  describe.each([390, 1440])('at %i px', (width) => {
    const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

    /** Fails when the page scrolls sideways or one of the elements sticks out of the viewport. */
    async function expectFits(page: Page, selectors: string[]) {
      const overflow = await page.evaluate(() => {
        const { documentElement } = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
        return documentElement.scrollWidth - documentElement.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      for (const selector of selectors) {
        for (const box of await Promise.all((await page.locator(selector).all()).map((element) => element.boundingBox()))) {
          expect([selector, box !== null && box.x >= 0 && box.x + box.width <= width + 0.5]).toEqual([selector, true]);
        }
      }
    }

    async function seriousAxeViolations(page: Page, context: string) {
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async (selector) => {
        const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
        const result = await axe.run(selector, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
      }, context);
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    }

    it.each(['en', 'uk'])('fits the Rewards section to the screen with no serious accessibility problem, signed in and as a guest (%s)', async (locale) => {
      for (const signedIn of [true, false]) {
        const { context, page, problems } = await open({ signedIn, locale, width });
        try {
          await section(page).locator(signedIn ? '[data-slw-balance]' : '.slw-guest a').first().waitFor({ timeout: 20_000 });
          await section(page).locator('.slw-rewards li').first().waitFor();
          await expectFits(page, ['section.slw--section h2', '.slw-rewards li', '.slw-rewards .slw-button', '[data-slw-balance]', '.slw-history li strong', '.slw-guest a']);
          expect(await seriousAxeViolations(page, 'section.slw--section')).toEqual([]);
          await page.screenshot({ path: path.join(RESULTS_DIR, `storefront-widget-section-${width}-${locale}-${signedIn ? 'member' : 'guest'}.png`), fullPage: true });
          expect(problems.all()).toEqual([]);
        } finally {
          await context.close();
        }
      }
    });

    it.each(['en', 'uk'])('opens the launcher over a backdrop, as a full-screen sheet on a phone, with no serious accessibility problem (%s)', async (locale) => {
      const { context, page, problems } = await open({ signedIn: true, locale, width, path: '/' });
      try {
        await page.locator('[data-slw-launcher]').click();
        const dialog = page.getByRole('dialog');
        await dialog.locator('[data-slw-balance]').waitFor({ timeout: 20_000 });
        expect(await page.locator('[data-slw-launcher]').isHidden()).toBe(true);
        expect(await page.locator('[data-slw-backdrop]').isVisible()).toBe(true);
        // Measured once its opening animation (a short slide) has finished.
        await dialog.evaluate((element) => Promise.all((element as unknown as { getAnimations(): Array<{ finished: Promise<unknown> }> }).getAnimations().map((animation) => animation.finished)));
        const box = (await dialog.boundingBox())!;
        if (width < 640) expect([box.x, box.y, box.width, box.height]).toEqual([0, 0, width, 844]);
        else expect(box.width).toBeLessThan(width / 2);
        await expectFits(page, ['[data-slw-dialog] h2', '[data-slw-close]', '.slw-rewards li', '.slw-rewards .slw-button', '[data-slw-balance]']);
        expect(await seriousAxeViolations(page, '[data-slw-dialog]')).toEqual([]);
        await page.screenshot({ path: path.join(RESULTS_DIR, `storefront-widget-launcher-${width}-${locale}.png`) });
        // The backdrop closes it and gives the launcher back.
        await page.mouse.click(width - 5, 5);
        if (width >= 640) await dialog.waitFor({ state: 'hidden' });
        expect(problems.all()).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  it('tells the customer when their points expire, once the shop turns expiry on ("… expire on …" / "… vervallen op …")', async () => {
    await admin('PUT', '/settings/expiry', { enabled: true, inactivityMonths: 12, warningDays: 30 });
    try {
      for (const [locale, words] of [['en', / points expire on /], ['nl', / punten vervallen op /]] as const) {
        const { context, page, problems } = await open({ signedIn: true, locale });
        try {
          await section(page).locator('[data-slw-balance]').waitFor({ timeout: 20_000 });
          await section(page).getByText(words).waitFor();
          if (locale === 'en') await page.screenshot({ path: path.join(RESULTS_DIR, 'storefront-widget-expiry.png'), fullPage: true });
          expect(problems.all()).toEqual([]);
        } finally {
          await context.close();
        }
      }
    } finally {
      await admin('PUT', '/settings/expiry', { enabled: false });
    }
  });
});
