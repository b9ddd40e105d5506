// Groups in real Chromium against the demo app: create a manual group on the Groups page, add a member
// from the member search, see the group and the history on the member page and the group filter on the
// members list; build automatic rules and see the live count (the engine's preview answered by a stub
// here, so this test does not depend on the engine's route); axe on the editor at 1440 and 390 px.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { demoAdminInChromium } from '../support/admin-ui-helpers';
import { seriousAccessibilityViolations, checkLayout } from '../support/admin-page-checks';

// Screenshots for reading by eye, outside the repository.
const SHOTS = process.env.GROUPS_E2E_SHOTS ?? path.join('/tmp', 'groups-e2e');

describe('groups in the admin, in Chromium', () => {
  const { open, api, toast, findMember } = demoAdminInChromium();
  const shot = async (page: import('playwright-core').Page, name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };

  it('creates a manual group, adds a member from the search, and shows it on the member page and in the members filter', async () => {
    const emma = await findMember('emma.devries');
    const { context, page, problems } = await open('/groups');
    try {
      await page.getByRole('heading', { level: 1, name: 'Groups' }).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Create group' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'New group' }).waitFor();
      // Inline validation first: no name, nothing sent.
      await page.getByRole('button', { name: 'Save' }).last().click();
      await page.getByText('Enter a name').waitFor();
      await page.getByLabel('Name', { exact: true }).fill('Regulars');
      await page.getByLabel('Description').fill('Come every month');
      await page.getByRole('button', { name: 'Use colour #8051e0' }).click();
      await page.getByRole('button', { name: 'Save' }).last().click();
      await toast(page, 'Group Regulars created');
      await page.getByRole('heading', { level: 1, name: 'Regulars' }).waitFor();
      const groupId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      const saved = await api<{ name: string; colour: string; kind: string; description: string }>(`/api/groups/${encodeURIComponent(groupId)}`);
      expect(saved).toMatchObject({ name: 'Regulars', colour: '#8051e0', kind: 'manual', description: 'Come every month' });

      await page.getByLabel('Add a member').fill('Emma');
      await page.getByRole('option', { name: /Emma de Vries/ }).first().click();
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await toast(page, 'Emma de Vries added to the group');
      await page.getByTestId('group-members').getByText('Emma de Vries').waitFor();
      await shot(page, 'group-manual-en-1280');

      await page.getByTestId('group-members').getByText('Emma de Vries').click();
      await page.getByRole('heading', { level: 1, name: 'Emma de Vries' }).waitFor();
      const card = page.getByTestId('member-groups');
      await card.getByRole('link', { name: 'Regulars' }).waitFor();
      await card.getByText('Joined Regulars').waitFor();
      await card.getByText(/by staff/).waitFor();
      await shot(page, 'member-groups-en-1280');

      await page.goto(`${new URL(page.url()).origin}/members?groupId=${encodeURIComponent(groupId)}`);
      await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
      await page.getByRole('link', { name: 'Emma de Vries' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.Polaris-IndexTable__TableRow').count()).toBe(1);
      const inGroup = await api<{ items: Array<{ id: string }> }>(`/api/members?groupId=${encodeURIComponent(groupId)}`);
      expect(inGroup.items.map((member) => member.id)).toEqual([emma.id]);

      await page.goto(`${new URL(page.url()).origin}/groups`);
      await page.getByTestId('groups-table').getByRole('link', { name: 'Regulars' }).waitFor();
      await shot(page, 'groups-en-1280');
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('adds a selection from the members list and a checked CSV file to a manual group', async () => {
    const group = await api<{ id: string }>('/api/groups', { method: 'POST', body: { name: 'Newsletter VIPs', kind: 'manual' } });
    const { context, page, problems } = await open('/members');
    try {
      await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      // The first two members of the list (the demo's order varies from run to run).
      const rows = page.locator('.Polaris-IndexTable__TableRow');
      const picked: string[] = [];
      for (const index of [0, 1]) {
        picked.push((await rows.nth(index).locator('[data-key-cell] a').first().innerText()).trim());
        await rows.nth(index).locator('input[type="checkbox"]').first().check();
      }
      await page.getByRole('button', { name: 'Add to group' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Manual group').selectOption({ label: 'Newsletter VIPs' });
      await dialog.getByRole('button', { name: 'Add to group' }).click();
      await toast(page, '2 added to Newsletter VIPs');
      const afterSelection = await api<{ items: Array<{ firstName: string; lastName: string }> }>(`/api/members?groupId=${group.id}`);
      expect(afterSelection.items.map((member) => `${member.firstName} ${member.lastName}`).sort()).toEqual(picked.sort());

      // Someone not yet in the group, by e-mail, for the CSV.
      const everyone = await api<{ items: Array<{ id: string; firstName: string; lastName: string; email: string | null }> }>('/api/members?limit=50');
      const other = everyone.items.find((member) => member.email && !picked.includes(`${member.firstName} ${member.lastName}`))!;
      const otherName = `${other.firstName} ${other.lastName}`;
      await page.goto(`${new URL(page.url()).origin}/groups/${group.id}`);
      await page.getByRole('heading', { level: 1, name: 'Newsletter VIPs' }).waitFor();
      const paste = page.getByLabel('Or paste the rows');
      await paste.fill(`customer\n${other.email}\nnobody@example.com`);
      await page.getByRole('button', { name: 'Check file' }).click();
      const result = page.getByTestId('group-csv-result');
      await result.getByText('1 row has errors; fix them and check again').waitFor();
      await result.getByText('Line 3: nobody@example.com — No member matches "nobody@example.com".').waitFor();
      expect(await page.getByRole('button', { name: /^Add \d+ member/ }).count()).toBe(0);
      await paste.fill(`customer\n${other.email}`);
      await page.getByRole('button', { name: 'Check file' }).click();
      await result.getByText(/Every row is fine: 1 to add/).waitFor();
      await page.getByRole('button', { name: 'Add 1 member' }).click();
      await toast(page, '1 member added');
      await page.getByTestId('group-members').getByText(otherName).waitFor();
      const history = await api<{ history: Array<{ groupName: string; reason: string }> }>(`/api/members/${other.id}/groups`);
      expect(history.history).toEqual([expect.objectContaining({ groupName: 'Newsletter VIPs', reason: 'csv_import' })]);
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('builds automatic rules with AND/OR and shows the live count from the preview', async () => {
    const previews: unknown[] = [];
    const stubPreview = async (context: BrowserContext) => {
      await context.route('**/api/groups/preview', async (route) => {
        const body = route.request().postDataJSON() as { rules: { conditions: unknown[] } };
        previews.push(body.rules);
        await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ count: 40 + body.rules.conditions.length, sample: [{ id: 'm1', name: 'Emma de Vries', email: 'emma@example.com' }] }) });
      });
    };
    const { context, page, problems } = await open('/groups/new', stubPreview);
    try {
      await page.getByRole('heading', { level: 1, name: 'New group' }).waitFor({ timeout: 20_000 });
      await page.getByText('Automatic', { exact: true }).click();
      const builder = page.getByTestId('rule-builder');
      await builder.waitFor();
      // The default rule: lifetime spend above 1000 in the shop's currency (seed 000's VIP).
      await page.getByTestId('rule-live-count').getByText('41 members match these rules now').waitFor();
      await page.getByTestId('rule-live-count').getByText('For example: Emma de Vries').waitFor();
      await builder.getByRole('button', { name: 'Add nested group' }).click();
      await page.getByTestId('rule-live-count').getByText('42 members match these rules now').waitFor();
      // "spend > 1000 OR (lapsed AND birthday coming up)": the nested group starts with the other combinator.
      await builder.getByLabel('Members match').first().selectOption('or');
      await builder.getByLabel('Members match').nth(1).selectOption('and');
      await page.waitForTimeout(700);
      const last = previews[previews.length - 1] as { combinator: string; conditions: Array<Record<string, unknown>> };
      expect(last.combinator).toBe('or');
      expect(last.conditions[0]).toEqual({ kind: 'spend', window: { type: 'lifetime' }, op: 'gt', amountMinor: 100_000 });
      expect(last.conditions[1]).toMatchObject({ combinator: 'and', conditions: [{ kind: 'last_visit', when: 'more_than_days_ago', days: 30 }, { kind: 'birthday', withinHours: 12 }] });

      // An amount that is not a number marks the rule and stops the count.
      const amount = builder.getByLabel(/^Amount/).first();
      await amount.fill('abc');
      await builder.getByText('Check this value').first().waitFor();
      await amount.fill('1500.50');
      await page.waitForTimeout(700);
      expect((previews[previews.length - 1] as { conditions: Array<{ amountMinor?: number }> }).conditions[0]!.amountMinor).toBe(150_050);

      await page.getByLabel('Name', { exact: true }).fill('Big spenders');
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(300);
        const layout = await checkLayout(page);
        expect(layout.problems).toEqual([]);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        await shot(page, `group-rules-en-${width}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole('button', { name: 'Save' }).last().click();
      await toast(page, 'Group Big spenders created');
      const groups = await api<{ items: Array<{ name: string; kind: string; rules: unknown }> }>('/api/groups');
      expect(groups.items.find((group) => group.name === 'Big spenders')).toMatchObject({ kind: 'automatic', rules: { combinator: 'or' } });
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows the rule builder, tiers and benefits in Ukrainian at 390 and 1440 px', async () => {
    await api('/api/groups', { method: 'POST', body: { name: 'Silver', kind: 'automatic', tier: { metric: 'spend', threshold: 100_000, period: 'calendar_year' }, benefit: { kind: 'discount', discountPercent: 10 } } });
    await api('/api/groups', { method: 'POST', body: { name: 'Gold', kind: 'automatic', tier: { metric: 'spend', threshold: 300_000, period: 'calendar_year' }, benefit: { kind: 'bonus', spendTiers: [{ fromMinor: 0, basisPoints: 200 }, { fromMinor: 100_000, basisPoints: 300 }] } } });
    const stub = async (context: BrowserContext) => {
      await context.route('**/api/groups/preview', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ count: 7, sample: [] }) }));
    };
    for (const width of [1440, 390]) {
      const { context, page, problems } = await open('/groups?locale=uk', stub);
      try {
        await page.setViewportSize({ width, height: 900 });
        await page.getByRole('heading', { level: 1, name: 'Групи' }).waitFor({ timeout: 20_000 });
        await page.getByTestId('tiers').getByText('Рівень 2: Gold').waitFor();
        // Move Gold below Silver is refused in the browser: thresholds must rise with the rank.
        await page.getByRole('button', { name: 'Перемістити «Gold» вище' }).click();
        await page.getByText('Має бути вищим за поріг «Gold»').waitFor();
        expect(await page.getByRole('button', { name: 'Зберегти рівні' }).isDisabled()).toBe(true);
        await page.waitForLoadState('networkidle');
        expect((await checkLayout(page)).problems).toEqual([]);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        await shot(page, `groups-uk-${width}`);

        await page.goto(`${new URL(page.url()).origin}/groups/new?locale=uk`);
        await page.getByRole('heading', { level: 1, name: 'Нова група' }).waitFor();
        await page.getByText('Автоматична', { exact: true }).click();
        await page.getByTestId('rule-live-count').getByText(/Зараз цим правилам відповідають 7 учасників/).waitFor();
        await page.getByText('Бонусні бали', { exact: true }).click();
        await page.getByText('Власна шкала за загальною сумою покупок', { exact: true }).click();
        expect((await checkLayout(page)).problems).toEqual([]);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        await shot(page, `group-rules-uk-${width}`);
        expect(problems.all()).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 180_000);
});
