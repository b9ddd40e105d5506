// Every admin page in real Chromium against the real app in demo mode (seeded "Demo Salon & Studio",
// App Bridge stand-in): adjust a balance and find it in the member's history and in the report, the
// report's quick "Add points", a service's points on the product page and inline in the catalogue,
// programme settings, bulk adjustment, CSV and Excel exports parsed here, and a Ukrainian run.
// Screenshots of every page go to test-results/.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { demoAdminInChromium, RESULTS_DIR } from '../support/admin-ui-helpers';

/** The simulator's first product ("Women's haircut", a service); ids are allocated from 1_000_000_001. */
const WOMENS_HAIRCUT_ID = '1000000001';

/** RFC 4180 CSV, enough for the export (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index]!;
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function digitsOf(text: string): number {
  const negative = /[-−]/.test(text);
  const value = Number(text.replace(/\D/g, ''));
  return negative ? -value : value;
}

describe('admin pages in Chromium', () => {
  const { open, screenshot, api, findMember, toast, url } = demoAdminInChromium();

  it('searches members, adjusts a balance with confirmation, and shows it in the history and the report', async () => {
    const { context, page, problems } = await open('/members');
    try {
      await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor({ timeout: 20_000 });
      await page.locator('.Polaris-IndexTable__TableRow a').first().waitFor();
      await screenshot(page, 'admin-members');

      await page.getByPlaceholder('Search by name, email or phone').fill('emma.devries');
      await page.locator('.Polaris-IndexTable__TableRow').nth(1).waitFor({ state: 'detached' });
      await page.getByRole('link', { name: 'Emma de Vries' }).click();
      await page.getByRole('heading', { level: 1, name: 'Emma de Vries' }).waitFor();
      const memberId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      const before = await findMember('emma.devries');
      expect(before.id).toBe(memberId);
      const balanceText = () => page.getByTestId('count-member-balance').locator('p').first().innerText();
      expect(digitsOf(await balanceText())).toBe(before.balance);
      await page.getByTestId('member-history').locator('.Polaris-IndexTable__TableRow').first().waitFor();
      await screenshot(page, 'admin-member');

      // Inline validation: nothing is sent without points and a description.
      await page.getByRole('button', { name: 'Adjust points' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Current balance:').waitFor();
      await dialog.getByRole('button', { name: 'Review' }).click();
      await dialog.getByText('Enter the number of points.').waitFor();
      await dialog.getByText('Enter a description; the customer will see it.').waitFor();

      await dialog.getByLabel('Points', { exact: true }).fill('25');
      await dialog.getByLabel('Description').fill('Thank you for the review');
      await screenshot(page, 'admin-adjust-modal');
      await dialog.getByRole('button', { name: 'Review' }).click();
      await dialog.getByText("Add 25 points to Emma de Vries's balance?").waitFor();
      await dialog.getByText(`New balance: ${new Intl.NumberFormat('en').format(before.balance + 25)} points`).waitFor();
      // The demo catches e-mail in its "Sent in demo" inbox, so the confirmation says the customer is notified.
      await dialog.getByText('The customer is notified by email', { exact: false }).waitFor();
      expect(await dialog.getByText('No e-mail will be sent: no e-mail server is set up.').count()).toBe(0);
      await screenshot(page, 'admin-adjust-confirm');
      await dialog.getByRole('button', { name: 'Add 25 points' }).click();
      await toast(page, '25 points added for Emma de Vries');
      await dialog.waitFor({ state: 'detached' });

      await page
        .getByTestId('count-member-balance')
        .getByText(new Intl.NumberFormat('en').format(before.balance + 25), { exact: true })
        .waitFor();
      const historyRow = page.getByTestId('member-history').locator('.Polaris-IndexTable__TableRow', { hasText: 'Thank you for the review' });
      await historyRow.waitFor();
      expect(await historyRow.innerText()).toContain('+25');
      expect((await findMember('emma.devries')).balance).toBe(before.balance + 25);

      // Subtracting more than the balance: the server's own message in a banner, the modal stays open.
      await page.getByRole('button', { name: 'Adjust points' }).click();
      await dialog.getByRole('button', { name: 'Subtract points' }).click();
      await dialog.getByLabel('Points', { exact: true }).fill(String(before.balance + 1_000_000));
      await dialog.getByLabel('Description').fill('Too much');
      await dialog.getByRole('button', { name: 'Review' }).click();
      await dialog.getByRole('button', { name: /^Subtract .* points$/ }).click();
      await dialog.getByText('Not enough points').waitFor();
      await screenshot(page, 'admin-adjust-error');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      expect((await findMember('emma.devries')).balance).toBe(before.balance + 25);

      // The same adjustment in the points report, filtered to this member.
      await page.goto(`${url()}/report?memberId=${encodeURIComponent(memberId)}&memberName=${encodeURIComponent('Emma de Vries')}`);
      await page.getByRole('heading', { level: 1, name: 'Points report' }).waitFor();
      const reportRow = page.getByTestId('report-table').locator('.Polaris-IndexTable__TableRow', { hasText: 'Thank you for the review' });
      await reportRow.waitFor();
      expect(await reportRow.innerText()).toContain('Emma de Vries');
      expect(await reportRow.innerText()).toContain('+25');
      await page.getByTestId('count-total-adjusted').waitFor();
      expect(digitsOf(await page.getByTestId('count-total-adjusted').locator('p').first().innerText())).toBeGreaterThanOrEqual(25);
      expect(problems.all().filter((problem) => !problem.includes('409'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('adds points from a report row with the member preselected, sorts on the server, and exports CSV and Excel', async () => {
    const { context, page, problems } = await open('/report');
    try {
      await page.getByRole('heading', { level: 1, name: 'Points report' }).waitFor({ timeout: 20_000 });
      const rows = page.getByTestId('report-table').locator('.Polaris-IndexTable__TableRow');
      await rows.first().waitFor();
      await screenshot(page, 'admin-report');

      // Sorting by points asks the server (the first row then has the most points of all pages).
      const sortResponse = page.waitForResponse((response) => response.url().includes('/api/report?') && response.url().includes('sort=points'));
      await page.getByRole('button', { name: /Points/ }).first().click();
      const sorted = (await (await sortResponse).json()) as { items: Array<{ points: number }> };
      const top = sorted.items.map((item) => item.points);
      expect(top).toEqual([...top].sort((a, b) => b - a));

      const firstRow = rows.first();
      const memberName = (await firstRow.locator('a').first().innerText()).trim();
      const member = await findMember(memberName.split(' ')[0]!);
      await firstRow.getByRole('button', { name: 'Add points' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: `Adjust points for ${memberName}` }).waitFor();
      await dialog.getByText('Current balance:').waitFor();
      await dialog.getByLabel('Points', { exact: true }).fill('10');
      // Starts with "=": the export must neutralise it so spreadsheets don't run it as a formula.
      await dialog.getByLabel('Description').fill('=1+1 birthday bonus');
      await dialog.getByRole('button', { name: 'Review' }).click();
      await dialog.getByRole('button', { name: 'Add 10 points' }).click();
      await toast(page, `10 points added for ${memberName}`);
      expect((await findMember(memberName.split(' ')[0]!)).balance).toBe(member.balance + 10);

      // Export the filtered set: type = adjustment.
      const filtered = page.waitForResponse((response) => response.url().includes('/api/report?') && response.url().includes('type=adjust'));
      await page.getByLabel('Type').selectOption('adjust');
      await filtered;
      await page.getByTestId('report-table').getByText('=1+1 birthday bonus').first().waitFor();
      const total = (await api<{ total: number }>(`/api/report?type=adjust&from=2000-01-01&to=2100-01-01`)).total;
      expect(total).toBeGreaterThanOrEqual(2);

      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      expect(csvDownload.suggestedFilename()).toMatch(/^points-report-\d{4}-\d{2}-\d{2}\.csv$/);
      const csvPath = path.join(RESULTS_DIR, 'points-report.csv');
      await csvDownload.saveAs(csvPath);
      const csvRows = parseCsv(fs.readFileSync(csvPath, 'utf8')).filter((row) => row.some((cell) => cell !== ''));
      const header = csvRows[0]!;
      // Dates in the shop's time zone, named in the header; types as the admin shows them.
      expect(header).toEqual(expect.arrayContaining(['Date (Europe/Amsterdam)', 'Member', 'Type', 'Points', 'Description']));
      const dataRows = csvRows.slice(1);
      expect(dataRows.length).toBe(total);
      const typeColumn = header.indexOf('Type');
      const descriptionColumn = header.indexOf('Description');
      expect(dataRows.every((row) => row[typeColumn] === 'Adjustment')).toBe(true);
      expect(dataRows.every((row) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(row[0]!))).toBe(true);
      const descriptions = dataRows.map((row) => row[descriptionColumn] ?? '');
      expect(descriptions).toContain('Thank you for the review');
      expect(descriptions.some((text) => text.includes('=1+1 birthday bonus'))).toBe(true);
      expect(dataRows.every((row) => row.every((cell) => !/^[=+\-@]/.test(cell) || /^-?\d+(\.\d+)?$/.test(cell)))).toBe(true);
      await page.getByRole('status').filter({ hasText: /Downloaded points-report/ }).first().waitFor();

      const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Excel' }).click()]);
      expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
      const xlsxPath = path.join(RESULTS_DIR, 'points-report.xlsx');
      await xlsxDownload.saveAs(xlsxPath);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsxPath);
      const sheet = workbook.worksheets[0]!;
      const headerCells = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      expect(headerCells).toEqual(header);
      let xlsxRows = 0;
      const xlsxDescriptions: string[] = [];
      sheet.eachRow((row, number) => {
        if (number === 1) return;
        xlsxRows += 1;
        xlsxDescriptions.push(String(row.getCell(descriptionColumn + 1).value ?? ''));
      });
      expect(xlsxRows).toBe(total);
      expect(xlsxDescriptions).toContain('Thank you for the review');
      expect(xlsxDescriptions.some((text) => text.includes('=1+1 birthday bonus') && !text.startsWith('='))).toBe(true);
      await screenshot(page, 'admin-report-filtered');
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("edits a service's points on its product page and inline in the catalogue, and the saved settings stick", async () => {
    const { context, page, problems } = await open(`/products/${WOMENS_HAIRCUT_ID}`);
    try {
      await page.getByRole('heading', { level: 1, name: "Women's haircut" }).waitFor({ timeout: 20_000 });
      await page.getByLabel('This is a service').check();
      await page.getByText('Fixed points', { exact: true }).click();
      const points = page.getByLabel('Points per item');
      await points.fill('');
      await page.getByText('Enter a value.').waitFor();
      await points.fill('2000000');
      await page.getByText('Enter a number from 0 to 1,000,000.').waitFor();
      expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
      await points.fill('40');
      await screenshot(page, 'admin-product');
      await page.getByRole('button', { name: 'Save' }).click();
      await toast(page, 'Loyalty settings saved');
      const saved = await api<{ product: { pointsMode: string; fixedPoints: number; isService: boolean } }>(`/api/products/${WOMENS_HAIRCUT_ID}/loyalty`);
      expect(saved.product).toMatchObject({ pointsMode: 'fixed', fixedPoints: 40, isService: true });
      await page.reload();
      await page.getByRole('heading', { level: 1, name: "Women's haircut" }).waitFor();
      expect(await page.getByLabel('Points per item').inputValue()).toBe('40');

      // The catalogue: filter to services, change Men's haircut inline, save from the page.
      await page.goto(`${url()}/products`);
      await page.getByRole('heading', { level: 1, name: 'Services & products' }).waitFor();
      await page.getByRole('tab', { name: 'Services' }).click();
      await page.getByRole('link', { name: "Women's haircut" }).waitFor();
      expect(await page.getByRole('link', { name: 'Argan shampoo' }).count()).toBe(0);
      await page.getByLabel("How Men's haircut earns points").selectOption('fixed');
      await page.getByLabel("Fixed points for Men's haircut").fill('30');
      await page.getByText('You have unsaved changes to 1 products.').waitFor();
      await screenshot(page, 'admin-products');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await toast(page, /Loyalty settings saved for 1 products/);
      const list = await api<{ items: Array<{ title: string; loyalty: { pointsMode: string; fixedPoints: number } }> }>('/api/products?filter=service&limit=100');
      expect(list.items.find((item) => item.title === "Men's haircut")?.loyalty).toMatchObject({ pointsMode: 'fixed', fixedPoints: 30 });

      // Bulk edit through the selection: turn earning off for two retail products, then on again.
      await page.getByRole('tab', { name: 'Products', exact: true }).click();
      await page.getByRole('link', { name: 'Argan shampoo' }).waitFor();
      await page.locator('.Polaris-IndexTable__TableRow', { hasText: 'Argan shampoo' }).locator('input[type="checkbox"]').first().check();
      await page.locator('.Polaris-IndexTable__TableRow', { hasText: 'Hair oil' }).locator('input[type="checkbox"]').first().check();
      await page.getByRole('button', { name: 'Edit loyalty settings' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Earns points').uncheck();
      await dialog.getByRole('button', { name: 'Apply to 2 products' }).click();
      await toast(page, /saved for 2 products/);
      const retail = await api<{ items: Array<{ title: string; loyalty: { enabled: boolean } }> }>('/api/products?filter=disabled&limit=100');
      expect(retail.items.map((item) => item.title).sort()).toEqual(['Argan shampoo', 'Hair oil']);
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('saves programme settings through the form, validates inline, and tests a sample order', async () => {
    const { context, page, problems } = await open('/settings');
    try {
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor({ timeout: 20_000 });
      // Delays are entered in hours (stored in minutes).
      const delay = page.getByLabel('Delay after the appointment');
      await delay.fill('100');
      await page.getByText('Enter a number from 0 to 72.').waitFor();
      expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
      await delay.fill('4');
      await page.getByLabel('Start date and time').fill('Afspraak start, Appointment');
      await page.getByLabel('Order of day and month').selectOption('DMY');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await toast(page, 'Settings saved');
      const saved = await api<{ creditDelayMinutes: number; dateOrder: string; bookingPropertyConfig: { startKeys?: string[] } }>('/api/settings/program');
      expect(saved).toMatchObject({ creditDelayMinutes: 240, dateOrder: 'DMY', bookingPropertyConfig: { startKeys: ['Afspraak start', 'Appointment'] } });

      await page.getByLabel('Line item properties').fill('Appointment: 14/03/2026 14:30');
      await page.getByRole('button', { name: 'Test', exact: true }).click();
      await page.getByText('Appointment time found').waitFor();
      expect(await page.getByTestId('booking-test-result').innerText()).toMatch(/2026/);
      await screenshot(page, 'admin-settings');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      expect(await page.getByLabel('Delay after the appointment').inputValue()).toBe('4');
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('previews a bulk adjustment with per-row errors and applies it all at once', async () => {
    const { context, page, problems } = await open('/adjustments/bulk');
    try {
      await page.getByRole('heading', { level: 1, name: 'Bulk adjustment' }).waitFor({ timeout: 20_000 });
      const daan = await findMember('daan.jansen');
      const sanne = await findMember('sanne.vandijk');
      const field = page.getByLabel('Or paste the rows');
      await field.fill('customer,points,description\ndaan.jansen@example.com,15,Bulk thank-you\nnobody@example.com,5,Nobody\nsanne.vandijk@example.com,20,Bulk thank-you');
      await page.getByRole('button', { name: 'Check rows' }).click();
      const preview = page.getByTestId('bulk-preview');
      await preview.locator('.Polaris-IndexTable__TableRow').nth(2).waitFor();
      await page.getByText('1 of 3 rows have problems.', { exact: false }).waitFor();
      const badRow = preview.locator('.Polaris-IndexTable__TableRow', { hasText: 'nobody@example.com' });
      expect(await badRow.innerText()).toContain('Error');
      expect(await page.getByRole('button', { name: /^Apply/ }).isDisabled()).toBe(true);
      await screenshot(page, 'admin-bulk-errors');

      await field.fill('customer,points,description\ndaan.jansen@example.com,15,Bulk thank-you\nsanne.vandijk@example.com,20,Bulk thank-you');
      await page.getByText('The rows changed since the last check.', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Check rows' }).click();
      await page.getByText('All 2 rows are fine: 35 points in total.').waitFor();
      await screenshot(page, 'admin-bulk');
      await page.getByRole('button', { name: 'Apply 2 adjustments' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Apply adjustments' }).click();
      await page.getByText('2 adjustments were applied.').waitFor();
      expect((await findMember('daan.jansen')).balance).toBe(daan.balance + 15);
      expect((await findMember('sanne.vandijk')).balance).toBe(sanne.balance + 20);
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('speaks Ukrainian on every page with ?locale=uk', async () => {
    const member = await findMember('olena');
    const pages: Array<{ path: string; heading: string; text: string; shot: string }> = [
      { path: '/', heading: 'Demo Salon & Studio', text: 'Нараховані й витрачені бали', shot: 'admin-dashboard-uk' },
      { path: '/members', heading: 'Учасники', text: 'Останній візит', shot: 'admin-members-uk' },
      { path: `/members/${encodeURIComponent(member.id)}`, heading: `${member.firstName} ${member.lastName}`, text: 'Історія балів', shot: 'admin-member-uk' },
      { path: '/products', heading: 'Послуги й товари', text: 'Нараховує бали', shot: 'admin-products-uk' },
      { path: `/products/${WOMENS_HAIRCUT_ID}`, heading: "Women's haircut", text: 'Це послуга', shot: 'admin-product-uk' },
      { path: '/report', heading: 'Звіт за балами', text: 'Експорт у CSV', shot: 'admin-report-uk' },
      { path: '/adjustments/bulk', heading: 'Масове коригування', text: 'Як це працює', shot: 'admin-bulk-uk' },
      { path: '/settings', heading: 'Налаштування', text: 'Властивості бронювання', shot: 'admin-settings-uk' },
    ];
    const english = ['Members', 'Points report', 'Settings', 'Save', 'Export CSV', 'Points history', 'Earns points', 'How it works'];
    for (const target of pages) {
      const separator = target.path.includes('?') ? '&' : '?';
      const { context, page, problems } = await open(`${target.path}${separator}locale=uk`);
      try {
        await page.getByRole('heading', { level: 1, name: target.heading }).waitFor({ timeout: 20_000 });
        await page.getByText(target.text).filter({ visible: true }).first().waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe('uk');
        const main = await page.locator('#root').innerText();
        for (const word of english) expect({ page: target.path, hasEnglish: new RegExp(`\\b${word}\\b`).test(main) ? word : null }).toEqual({ page: target.path, hasEnglish: null });
        // Nav links keep the locale.
        expect(await page.locator('ui-nav-menu a').nth(1).getAttribute('href')).toContain('locale=uk');
        await screenshot(page, target.shot);
        expect(problems.all()).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 120_000);
});
