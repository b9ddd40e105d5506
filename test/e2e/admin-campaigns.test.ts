// The campaigns page and the points expiry settings as an owner uses them in Chromium against the demo
// app: a win-back campaign with its preview, switched on; points expiry switched on in the settings.
import { demoAdminInChromium } from '../support/admin-ui-helpers';

describe('campaigns and points expiry in Chromium', () => {
  const { open, screenshot, api, toast } = demoAdminInChromium();

  it('creates a win-back campaign, previews who qualifies, and switches it on', async () => {
    const { context, page, problems } = await open('/campaigns');
    try {
      await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor({ timeout: 20_000 });
      await page.getByLabel('Kind').selectOption('win_back');
      await page.getByRole('button', { name: 'Create campaign' }).click();
      await page.getByText('Give the campaign a name.').waitFor();
      await page.getByLabel('Name').fill('We miss you');
      await page.getByLabel('Days without a visit').fill('30');
      await page.getByLabel('Points', { exact: true }).fill('25');
      await page.getByRole('button', { name: 'Who qualifies now?' }).click();
      await page.getByText(/right now/).first().waitFor();
      await page.getByRole('button', { name: 'Create campaign' }).click();
      await toast(page, 'Campaign “We miss you” created');
      const row = page.getByTestId('campaigns-table').locator('.Polaris-IndexTable__TableRow', { hasText: 'We miss you' });
      await row.getByText('Off', { exact: true }).waitFor();
      await row.getByRole('button', { name: 'Switch on' }).click();
      await toast(page, '“We miss you” is on');
      await row.getByText('On', { exact: true }).waitFor();
      const saved = await api<{ items: Array<{ name: string; kind: string; enabled: boolean; points: number; settings: Record<string, number> }> }>('/api/campaigns');
      expect(saved.items).toEqual([expect.objectContaining({ name: 'We miss you', kind: 'win_back', enabled: true, points: 25, settings: { daysWithoutVisit: 30 } })]);
      await screenshot(page, 'admin-campaigns');
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('switches points expiry on in the settings', async () => {
    const { context, page, problems } = await open('/settings');
    try {
      const section = page.getByTestId('points-expiry');
      await section.getByLabel('Points expire').check({ timeout: 20_000 });
      await section.getByLabel('Months without activity').fill('6');
      await section.getByRole('button', { name: 'Save expiry' }).click();
      await toast(page, 'Points expiry saved');
      expect(await api('/api/settings/expiry')).toEqual({ enabled: true, inactivityMonths: 6, warningDays: 30 });
      await screenshot(page, 'admin-points-expiry');
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
