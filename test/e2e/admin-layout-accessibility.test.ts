// Every admin page as a new user opens it, in Chromium at a laptop (1440 px) and a phone (390 px) width,
// in English, Ukrainian and Dutch: the page never scrolls sideways, the key column of every table stays
// on screen, and (English and Ukrainian) axe-core finds no serious or critical violation. A screenshot of
// each page at each width and language is kept in test-results/pages/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { adminUiHelpers, RESULTS_DIR } from '../support/admin-ui-helpers';
import { checkLayout, seriousAccessibilityViolations } from '../support/admin-page-checks';
import { collectPageProblems, launchBrowser } from '../support/browser';
import { startDemoApp } from '../support/demo-app';

const SHOTS_DIR = path.join(RESULTS_DIR, 'pages');
const WIDTHS = [1440, 390] as const;
const LOCALES = ['en', 'uk', 'nl'] as const;
const AXE_LOCALES = new Set(['en', 'uk']);

interface AdminPage {
  name: string;
  path: () => string;
  /** Tables whose key columns must stay visible; the page fails when none is found. */
  hasKeyCells: boolean;
}

describe('every admin page at 1440 and 390 px, in English, Ukrainian and Dutch', () => {
  let browser: Browser;
  let demo: { url: string; close(): Promise<void> };
  let memberId = '';
  let groupId = '';
  const { api } = adminUiHelpers(() => ({ browser, url: demo.url }));

  beforeAll(async () => {
    [browser, demo] = await Promise.all([launchBrowser(), startDemoApp()]);
    fs.mkdirSync(SHOTS_DIR, { recursive: true });
    // The member with the longest history, so the history table is as full as it gets.
    const members = await api<{ items: Array<{ id: string; balance: number }> }>('/api/members?limit=100');
    memberId = [...members.items].sort((a, b) => b.balance - a.balance)[0]!.id;
    // Groups to show: a manual group with members, a tier and an automatic group.
    const manual = await api<{ id: string }>('/api/groups', { method: 'POST', body: { name: 'Regulars', kind: 'manual', colour: '#8051e0', isDefault: true } });
    groupId = manual.id;
    await api(`/api/groups/${groupId}/members`, { method: 'POST', body: { memberIds: members.items.slice(0, 12).map((member) => member.id) } });
    await api('/api/groups', { method: 'POST', body: { name: 'Gold', kind: 'automatic', tier: { metric: 'spend', threshold: 100_000, period: 'calendar_year' }, benefit: { kind: 'discount', discountPercent: 10 } } });
    await api('/api/groups', { method: 'POST', body: { name: 'Lapsed', kind: 'automatic', rules: { combinator: 'and', conditions: [{ kind: 'last_visit', when: 'more_than_days_ago', days: 30 }] } } });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([browser?.close(), demo?.close()]);
  });

  const PAGES: AdminPage[] = [
    { name: 'dashboard', path: () => '/', hasKeyCells: false },
    { name: 'members', path: () => '/members', hasKeyCells: true },
    { name: 'member', path: () => `/members/${encodeURIComponent(memberId)}`, hasKeyCells: true },
    { name: 'products', path: () => '/products', hasKeyCells: true },
    { name: 'product', path: () => '/products/1000000001', hasKeyCells: false },
    { name: 'report', path: () => '/report', hasKeyCells: true },
    { name: 'bookings', path: () => '/bookings', hasKeyCells: false },
    { name: 'rewards', path: () => '/rewards', hasKeyCells: true },
    { name: 'bulk-adjustment', path: () => '/adjustments/bulk', hasKeyCells: false },
    { name: 'settings', path: () => '/settings', hasKeyCells: false },
    { name: 'messages', path: () => '/settings/messages', hasKeyCells: false },
    { name: 'staff', path: () => '/settings/staff', hasKeyCells: true },
    { name: 'multipliers', path: () => '/settings/multipliers', hasKeyCells: false },
    { name: 'groups', path: () => '/groups', hasKeyCells: true },
    { name: 'group', path: () => `/groups/${encodeURIComponent(groupId)}`, hasKeyCells: false },
    { name: 'new-group', path: () => '/groups/new', hasKeyCells: false },
    { name: 'campaigns', path: () => '/campaigns', hasKeyCells: false },
    { name: 'bulk-messages', path: () => '/messages/bulk', hasKeyCells: false },
    { name: 'bulk-message-compose', path: () => '/messages/bulk/new', hasKeyCells: false },
    { name: 'demo-inbox', path: () => '/messages/demo-inbox', hasKeyCells: false },
    { name: 'onboarding', path: () => '/onboarding', hasKeyCells: false },
  ];

  it.each(PAGES.map((page) => [page.name, page] as const))('%s: no sideways scrolling, key columns visible, no serious accessibility violations', async (_name, adminPage) => {
    const failures: string[] = [];
    for (const locale of LOCALES) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        try {
          const page = await context.newPage();
          const problems = collectPageProblems(page);
          const target = adminPage.path();
          await page.goto(`${demo.url}${target}${target.includes('?') ? '&' : '?'}locale=${locale}`);
          await page.locator('h1').first().waitFor({ timeout: 30_000 });
          await page.waitForLoadState('networkidle');
          await page.locator('.Polaris-SkeletonPage__Page, .Polaris-SkeletonBodyText').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
          const where = `${locale} ${width}px`;
          const layout = await checkLayout(page);
          failures.push(...layout.problems.map((problem) => `${where}: ${problem}`));
          if (adminPage.hasKeyCells && layout.keyCells === 0) failures.push(`${where}: no key column found`);
          await page.screenshot({ path: path.join(SHOTS_DIR, `${adminPage.name}-${locale}-${width}.png`), fullPage: true });
          if (AXE_LOCALES.has(locale)) {
            for (const finding of await seriousAccessibilityViolations(page)) {
              failures.push(`${where}: axe ${finding.impact} ${finding.id} (${finding.help}) at ${finding.targets.join(', ')}`);
            }
          }
          failures.push(...problems.all().map((problem) => `${where}: ${problem}`));
        } finally {
          await context.close();
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
