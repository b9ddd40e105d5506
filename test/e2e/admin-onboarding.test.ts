// The Import page in Chromium against the demo app: a balance file from another loyalty app is checked
// row by row (nothing applied while rows are wrong), the fixed file is accepted and applied, and the
// job appears with its progress; a customer import and a past-orders preview can be started.
import { demoAdminInChromium } from '../support/admin-ui-helpers';

describe('onboarding imports in Chromium', () => {
  const { open, screenshot, findMember } = demoAdminInChromium();

  it('checks a balance file, lists the bad rows, and applies the fixed file', async () => {
    const { context, page, problems } = await open('/onboarding');
    try {
      await page.getByRole('heading', { level: 1, name: 'Import existing customers and points' }).waitFor({ timeout: 20_000 });
      const daan = await findMember('daan.jansen');
      const upload = async (name: string, csv: string) => {
        await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByText(name).waitFor();
        await page.getByRole('button', { name: 'Check the file' }).click();
      };
      await upload('smile-bad.csv', 'email,points\ndaan.jansen@example.com,40\nnobody@example.com,5\ndaan.jansen@example.com,lots');
      await page.getByText('2 rows need fixing').waitFor();
      const errors = page.getByTestId('balance-errors');
      await errors.locator('.Polaris-IndexTable__TableRow').nth(1).waitFor();
      expect(await errors.innerText()).toContain('nobody@example.com');
      await screenshot(page, 'admin-onboarding-errors');
      expect(await page.getByRole('button', { name: 'Apply balances' }).count()).toBe(0);

      await upload('smile.csv', 'email,points\ndaan.jansen@example.com,40');
      await page.getByText('The file from Smile.io is correct').waitFor();
      await page.getByRole('button', { name: 'Apply balances' }).click();
      const jobRow = page.locator('.Polaris-IndexTable__TableRow', { hasText: 'Balances · Smile.io' }).first();
      await jobRow.getByText('Queued').waitFor();
      await screenshot(page, 'admin-onboarding');
      // Applied by the job process, not the web request: the balance has not moved yet.
      expect((await findMember('daan.jansen')).balance).toBe(daan.balance);

      await page.getByRole('button', { name: 'Preview' }).click();
      await page.locator('.Polaris-IndexTable__TableRow', { hasText: 'Past orders' }).first().waitFor();
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
