// The pages added for issue 14 as an owner uses them in Chromium against the demo app: the setup guide's
// hand-ticked step, a double-points weekend on the multipliers page, and the staff roles page; and
// locations by name (issue 17): the staff page's location picker, the report filter, "By location".
import { demoAdminInChromium } from '../support/admin-ui-helpers';

describe('setup guide, multipliers and staff roles in Chromium', () => {
  const { open, screenshot, api, toast } = demoAdminInChromium();

  it('ticks off the widget step of the setup guide and counts it', async () => {
    const { context, page, problems } = await open('/');
    try {
      const guide = page.getByTestId('setup-guide');
      // Services, a reward, a test booking and e-mail (demo mode catches it) are done from the start.
      await guide.getByText('4 of 6 done').waitFor({ timeout: 20_000 });
      await page.getByTestId('setup-step-widget').getByRole('button', { name: 'Mark as done' }).click();
      await guide.getByText('5 of 6 done').waitFor();
      await page.getByTestId('setup-step-widget').getByText('Done', { exact: true }).first().waitFor();
      expect((await api<{ completed: number; steps: Array<{ id: string; done: boolean }> }>('/api/setup')).steps.find((s) => s.id === 'widget')?.done).toBe(true);
      await screenshot(page, 'admin-setup-guide');
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('adds a double-points weekend, shows it, and deletes it', async () => {
    const { context, page, problems } = await open('/settings/multipliers');
    try {
      await page.getByRole('heading', { level: 1, name: 'Points multipliers' }).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Add multiplier' }).click();
      await page.getByText('Enter a name.').waitFor();
      await page.getByLabel('Name').fill('Double points weekend');
      await page.getByLabel('First day').fill('2026-12-05');
      await page.getByLabel('Last day').fill('2026-12-06');
      await page.getByRole('button', { name: 'Add multiplier' }).click();
      await toast(page, 'Double points weekend added');
      const row = page.getByTestId('multipliers-table').locator('.Polaris-IndexTable__TableRow', { hasText: 'Double points weekend' });
      await row.waitFor();
      expect(await row.innerText()).toContain('200%');
      const saved = (await api<{ items: Array<{ name: string; multiplierPercent: number; startsAt: string; endsAt: string }> }>('/api/multipliers')).items;
      expect(saved).toEqual([expect.objectContaining({ name: 'Double points weekend', multiplierPercent: 200 })]);
      // Two whole days in the browser's time zone.
      expect(new Date(saved[0]!.endsAt).getTime() - new Date(saved[0]!.startsAt).getTime()).toBe(2 * 86_400_000);
      await screenshot(page, 'admin-multipliers');
      await row.getByRole('button', { name: 'Delete Double points weekend' }).click();
      await toast(page, 'Double points weekend deleted');
      await row.waitFor({ state: 'detached' });
      expect((await api<{ items: unknown[] }>('/api/multipliers')).items).toEqual([]);
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lists staff with their roles and saves a new limit', async () => {
    await api('/api/staff/42', { method: 'PUT', body: { role: 'staff', name: 'Sanne (front desk)' } });
    const { context, page, problems } = await open('/settings/staff');
    try {
      await page.getByRole('heading', { level: 1, name: 'Staff roles' }).waitFor({ timeout: 20_000 });
      const table = page.getByTestId('staff-table');
      await table.getByText('Sanne (front desk)', { exact: true }).first().waitFor();
      await table.getByLabel('Adjustment limit of Sanne (front desk)').fill('250');
      await table.getByRole('button', { name: 'Save Sanne (front desk)' }).click();
      await toast(page, 'Sanne (front desk) saved');
      const staff = (await api<{ items: Array<{ userId: string; role: string; adjustLimit: number | null }> }>('/api/staff')).items;
      expect(staff.find((member) => member.userId === '42')).toMatchObject({ role: 'staff', adjustLimit: 250 });
      // The last owner cannot be demoted: the server's reason is shown.
      const ownerRow = table.locator('.Polaris-IndexTable__TableRow', { hasText: 'You' });
      await ownerRow.getByRole('combobox').selectOption('manager');
      await ownerRow.getByRole('button', { name: /^Save / }).click();
      await page.getByText('The shop needs at least one owner', { exact: false }).waitFor();
      await screenshot(page, 'admin-staff');
      expect(problems.all().filter((problem) => !problem.includes('409'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('limits a staff user to a location picked by name, and shows locations by name in the report and on the dashboard', async () => {
    await api('/api/staff/43', { method: 'PUT', body: { role: 'staff', name: 'Daan (Oost)' } });
    const { context, page, problems } = await open('/settings/staff');
    try {
      const table = page.getByTestId('staff-table');
      await table.getByText('Daan (Oost)', { exact: true }).first().waitFor({ timeout: 20_000 });
      await table.getByRole('button', { name: 'Locations of Daan (Oost): All locations' }).click();
      await page.getByRole('checkbox', { name: 'Studio Oost' }).check();
      await page.keyboard.press('Escape');
      await table.getByRole('button', { name: 'Locations of Daan (Oost): Studio Oost' }).waitFor();
      await table.getByRole('button', { name: 'Save Daan (Oost)' }).click();
      await toast(page, 'Daan (Oost) saved');
      const staff = (await api<{ items: Array<{ userId: string; locationIds: string[] }> }>('/api/staff')).items;
      expect(staff.find((member) => member.userId === '43')?.locationIds).toEqual(['gid://shopify/Location/70000000002']);
      await screenshot(page, 'admin-staff-locations');

      await page.goto(page.url().replace(/\/settings\/staff.*$/, '/report'));
      const filter = page.getByLabel('Location', { exact: true });
      await filter.waitFor({ timeout: 20_000 });
      const options = await filter.locator('option').allInnerTexts();
      expect(options).toEqual(expect.arrayContaining(['Salon Centrum', 'Studio Oost', 'Wellness Haarlem']));
      expect(options.some((option) => /\d{6,}/.test(option))).toBe(false);
      await page.getByTestId('location-figures').getByText('Salon Centrum').waitFor();

      await page.goto(page.url().replace(/\/report.*$/, '/'));
      const figures = page.getByTestId('location-figures');
      await figures.getByText('Studio Oost').waitFor({ timeout: 20_000 });
      expect(await figures.innerText()).toContain('Wellness Haarlem');
      await screenshot(page, 'admin-dashboard-locations');

      // Limited to one location, the demo user sees only its members and is told so.
      const everyone = (await api<{ items: unknown[] }>('/api/members?limit=100')).items.length;
      await api('/api/staff/1', { method: 'PUT', body: { role: 'owner', locationIds: ['gid://shopify/Location/70000000003'] } });
      try {
        await page.goto(page.url().replace(/\/(\?.*)?$/, '/members$1'));
        await page.getByText('You see members and figures of Wellness Haarlem only.').waitFor({ timeout: 20_000 });
        const visible = (await api<{ items: unknown[] }>('/api/members?limit=100')).items.length;
        expect(visible).toBeGreaterThan(0);
        expect(visible).toBeLessThan(everyone);
        await screenshot(page, 'admin-members-limited');
      } finally {
        await api('/api/staff/1', { method: 'PUT', body: { role: 'owner', locationIds: [] } });
      }
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
