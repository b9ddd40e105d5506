// Gift card rewards, message templates, SMTP and consents, and the member page's gift cards and
// consents, in real Chromium against the real app in demo mode (simulator with a €2,000 gift card
// issue limit). Screenshots go to test-results/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { adminUiHelpers, RESULTS_DIR } from '../support/admin-ui-helpers';
import { launchBrowser } from '../support/browser';
import { startDemoApp } from '../support/demo-app';


interface Reward {
  id: string;
  title: string;
  type: string;
  value: { amountMinor: number; currency: string };
  pointsCost: number;
  enabled: boolean;
  stockLimit: number | null;
  expiresAfterDays: number | null;
  perCustomerLimit: number | null;
}

describe('rewards, messages and consents in Chromium', () => {
  let browser: Browser;
  let demo: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    [browser, demo] = await Promise.all([launchBrowser(), startDemoApp()]);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([browser?.close(), demo?.close()]);
  });

  const { open, screenshot, api, findMember, toast } = adminUiHelpers(() => ({ browser, url: demo.url }));

  it('creates a reward with inline and server validation, previews the customer card, lists it and its redemptions', async () => {
    const { context, page, problems } = await open('/rewards');
    try {
      await page.getByRole('heading', { level: 1, name: 'Gift card rewards' }).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Create reward' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Title').waitFor();

      // Nothing is sent while required fields are empty: the errors show on the fields.
      await dialog.getByRole('button', { name: 'Create reward' }).click();
      await dialog.getByText('Enter a title.').waitFor();
      await dialog.getByText('Correct the highlighted fields.').waitFor();

      await dialog.getByLabel('Title').fill('Big gift card');
      await dialog.getByLabel('Value').fill('12.345');
      await dialog.getByText('Enter an amount such as 25 or 25.50 (at most 2 decimals).').waitFor();
      // Above the shop's gift card issue limit (€2,000 in the simulator): the server refuses it and
      // the reason appears on the Value field with the limit in money.
      await dialog.getByLabel('Value').fill('2500');
      await dialog.getByLabel('Points cost').fill('5000');
      const refused = page.waitForResponse((response) => response.url().endsWith('/api/rewards') && response.request().method() === 'POST');
      await dialog.getByRole('button', { name: 'Create reward' }).click();
      expect((await refused).status()).toBe(400);
      await dialog.getByText(/more than Shopify lets this shop issue on one gift card \(€2,000\.00\)/).waitFor();
      await screenshot(page, 'admin-reward-issue-limit');

      await dialog.getByLabel('Title').fill('€25 gift card');
      await dialog.getByLabel('Value').fill('25');
      await dialog.getByLabel('Points cost').fill('500');
      await dialog.getByLabel('Stock').fill('10');
      await dialog.getByLabel('Expires after').fill('365');
      await dialog.getByLabel('Limit per customer').fill('2');

      // The customer's card follows the form.
      const preview = dialog.getByTestId('reward-preview');
      await preview.getByText('€25 gift card').waitFor();
      await preview.getByText('€25.00').waitFor();
      await preview.getByText('500 points').waitFor();
      await preview.getByText('You can afford this').waitFor();
      await preview.getByText('Valid for 365 days after redeeming').waitFor();
      await dialog.getByLabel('Preview with a balance of').fill('120');
      await preview.getByText('380 more points needed').waitFor();
      await dialog.getByLabel('Preview with a balance of').fill('1250');
      await preview.getByText('You can afford this').waitFor();
      await screenshot(page, 'admin-reward-form');

      await dialog.getByRole('button', { name: 'Create reward' }).click();
      await toast(page, 'Reward “€25 gift card” created');
      await dialog.waitFor({ state: 'detached' });
      const row = page.getByTestId('rewards-table').locator('.Polaris-IndexTable__TableRow', { hasText: '€25 gift card' });
      await row.waitFor();
      const rowText = await row.innerText();
      expect(rowText).toContain('€25.00');
      expect(rowText).toContain('500 points');
      expect(rowText).toContain('10 of 10 left');
      expect(rowText).toContain('Expires after 365 days');
      expect(rowText).toContain('At most 2 per customer');
      expect(rowText).toContain('Active');

      const saved = (await api<{ items: Reward[] }>('/api/rewards')).items.find((reward) => reward.title === '€25 gift card');
      expect(saved).toMatchObject({ type: 'gift_card', value: { amountMinor: 2500, currency: 'EUR' }, pointsCost: 500, stockLimit: 10, expiresAfterDays: 365, perCustomerLimit: 2, enabled: true });

      // Editing opens the same form with the preview of the saved reward.
      await row.getByRole('button', { name: 'Edit €25 gift card' }).click();
      await dialog.getByTestId('reward-preview').getByText('€25.00').waitFor();
      expect(await dialog.getByLabel('Value').inputValue()).toBe('25');
      await dialog.getByLabel('Points cost').fill('450');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await toast(page, 'Reward “€25 gift card” saved');
      await row.getByText('450 points').waitFor();

      // Disable and enable again from the list.
      await row.getByRole('button', { name: 'Disable €25 gift card' }).click();
      await toast(page, '“€25 gift card” is hidden from customers');
      await row.getByText('Disabled').waitFor();
      expect((await api<{ items: Reward[] }>('/api/rewards')).items.find((reward) => reward.id === saved!.id)?.enabled).toBe(false);
      await row.getByRole('button', { name: 'Enable €25 gift card' }).click();
      await row.getByText('Active').waitFor();
      // Switching on and off keeps everything else as it was.
      expect((await api<{ items: Reward[] }>('/api/rewards')).items.find((reward) => reward.id === saved!.id)).toMatchObject({
        enabled: true,
        pointsCost: 450,
        stockLimit: 10,
        expiresAfterDays: 365,
        perCustomerLimit: 2,
      });

      // A redemption made for a customer shows in the list with its masked code and status.
      const member = await findMember('emma.devries');
      await api(`/api/members/${member.id}/adjustments`, { method: 'POST', body: { points: 1000, description: 'For the reward test', idempotencyKey: 'e2e-reward-points' } });
      await api('/api/redemptions', { method: 'POST', body: { customerId: member.shopifyCustomerId, rewardId: saved!.id, idempotencyKey: 'e2e-reward-redeem-1' } });
      await page.reload();
      const redemption = page.getByTestId('redemptions-table').locator('.Polaris-IndexTable__TableRow', { hasText: '€25 gift card' });
      await redemption.waitFor({ timeout: 20_000 });
      const redemptionText = await redemption.innerText();
      expect(redemptionText).toMatch(/•••• •••• •••• [A-Z0-9]{4}/);
      expect(redemptionText).toContain('Issued');
      expect(redemptionText).toContain('Redeemed by staff');
      await page.getByTestId('rewards-table').getByText('9 of 10 left').waitFor();
      await screenshot(page, 'admin-rewards');
      expect(problems.all().filter((problem) => !problem.includes('status of 400'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows rewards read-only to staff', async () => {
    const { context, page, problems } = await open('/rewards', async (browserContext) => {
      // The demo session is the owner; answer /api/me as a staff member to see the staff screen.
      await browserContext.route('**/api/me', async (route) => {
        const response = await route.fetch();
        const me = (await response.json()) as Record<string, unknown>;
        await route.fulfill({ response, json: { ...me, role: 'staff', adjustLimit: 100 } });
      });
    });
    try {
      await page.getByRole('heading', { level: 1, name: 'Gift card rewards' }).waitFor({ timeout: 20_000 });
      await page.getByText('You can view the rewards. Managers and owners can create and change them.').waitFor();
      const row = page.getByTestId('rewards-table').locator('.Polaris-IndexTable__TableRow', { hasText: '€25 gift card' });
      await row.waitFor();
      expect(await page.getByRole('button', { name: 'Create reward' }).count()).toBe(0);
      expect(await row.getByRole('button', { name: /Disable|Enable/ }).count()).toBe(0);
      await row.getByRole('button', { name: 'View €25 gift card' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('reward-preview').getByText('€25.00').waitFor();
      expect(await dialog.getByLabel('Title').isDisabled()).toBe(true);
      expect(await dialog.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('edits a template: an unknown variable is shown inline with the allowed list, a valid edit previews and saves', async () => {
    const { context, page, problems } = await open('/settings/messages');
    try {
      await page.getByRole('heading', { level: 1, name: 'Messages & consents' }).waitFor({ timeout: 20_000 });
      await page.getByTestId('preview-subject').waitFor();
      const loaded = page.waitForResponse((response) => response.url().endsWith('/api/message-templates/balance_adjusted/en') && response.request().method() === 'GET');
      await page.getByLabel('Message', { exact: true }).selectOption('balance_adjusted');
      await loaded;
      const subject = page.getByLabel('Subject', { exact: true });
      await page.getByTestId('preview-subject').getByText(/changed|adjusted|balance/i).waitFor();

      await subject.fill('Your balance at %shop_name% changed, %first_nam%');
      const inlineError = page.getByText('Not available in this message: %first_nam%. You can use: %first_name%, %last_name%, %full_name%, %balance%, %pending_points%, %shop_name%, %portal_url%, %points%, %description%.');
      await inlineError.waitFor();
      // Saving anyway: the server refuses with 400 and the same list stays on the field.
      const refused = page.waitForResponse((response) => response.url().includes('/api/message-templates/balance_adjusted/en') && response.request().method() === 'PUT');
      await page.getByRole('button', { name: 'Save template' }).click();
      expect((await refused).status()).toBe(400);
      await page.getByText('Correct the fields marked below.').waitFor();
      await inlineError.waitFor();
      await screenshot(page, 'admin-template-unknown-variable');

      await subject.fill('Hello %first_name%, your %shop_name% balance changed');
      await page.getByTestId('preview-subject').getByText('Hello Anna, your Demo Salon & Studio balance changed').waitFor();
      await inlineError.waitFor({ state: 'detached' });
      const sms = page.getByLabel('SMS', { exact: true });
      await sms.fill('%shop_name%: %points% points. New balance: %balance%.');
      await page.getByTestId('preview-sms').getByText(/^Demo Salon & Studio: .* points\. New balance: 1,250\.$/).waitFor();
      await page.getByTestId('template-preview').getByText(/1 SMS · GSM-7 · \d+ characters/).waitFor();
      // The e-mail body renders in a sandboxed frame.
      const frame = page.getByTestId('template-preview').locator('iframe');
      expect(await frame.getAttribute('sandbox')).toBe('');
      expect(await frame.getAttribute('srcdoc')).toContain('Anna');
      await page.frameLocator('[data-testid="template-preview"] iframe').getByText('Hi Anna,').waitFor();
      await page.getByRole('button', { name: 'Save template' }).click();
      await toast(page, 'Template saved');
      await page.getByText('Customised', { exact: true }).first().waitFor();
      const saved = await api<{ customized: boolean; template: { subject: string; sms: string } }>('/api/message-templates/balance_adjusted/en');
      expect(saved).toMatchObject({ customized: true, template: { subject: 'Hello %first_name%, your %shop_name% balance changed', sms: '%shop_name%: %points% points. New balance: %balance%.' } });
      await screenshot(page, 'admin-templates');

      // Reset to default brings the shipped wording back.
      await page.getByRole('button', { name: 'Reset to default' }).click();
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await toast(page, 'Template reset to the default');
      expect((await api<{ customized: boolean }>('/api/message-templates/balance_adjusted/en')).customized).toBe(false);
      expect(problems.all().filter((problem) => !problem.includes('status of 400'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('saves SMTP settings with a write-only password, reports the test e-mail result, and creates a consent type', async () => {
    const { context, page, problems } = await open('/settings/messages?tab=smtp');
    try {
      await page.getByRole('heading', { level: 1, name: 'Messages & consents' }).waitFor({ timeout: 20_000 });
      await page.getByLabel('Server', { exact: true }).fill('not a host');
      await page.getByLabel('Sender').fill('Demo Salon <hello@demo-salon.example>');
      await page.getByRole('button', { name: 'Save e-mail settings' }).click();
      await page.getByText('Enter a host name such as smtp.example.com or an IP address.').waitFor();
      // Nothing listens on this port: the test reports the connection failure.
      await page.getByLabel('Server', { exact: true }).fill('127.0.0.1');
      await page.getByLabel('Port', { exact: true }).fill('9');
      await page.getByLabel('User name').fill('salon');
      await page.getByLabel('Password', { exact: true }).fill('s3cret-password');
      await page.getByRole('button', { name: 'Save e-mail settings' }).click();
      await toast(page, 'E-mail settings saved');
      const smtp = await api<{ source: string; host: string; passwordSet: boolean; password: string }>('/api/settings/smtp');
      expect(smtp).toMatchObject({ source: 'shop', host: '127.0.0.1', passwordSet: true });
      expect(smtp.password).not.toContain('s3cret');
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      await page.getByText('A password is stored. Leave empty to keep it, or type a new one.').waitFor();

      await page.getByLabel('Send to').fill('owner@demo-salon.example');
      await page.getByRole('button', { name: 'Send test e-mail' }).click();
      await page.getByTestId('smtp-test-result').getByText("The test e-mail couldn't be sent").waitFor({ timeout: 30_000 });
      await page.getByTestId('smtp-test-result').getByText('Could not connect to the server. Check the server name, port and TLS setting.').waitFor();
      await screenshot(page, 'admin-smtp');

      await page.getByRole('tab', { name: 'Consents' }).click();
      await page.getByText('1 of 5 used').waitFor();
      await page.getByRole('button', { name: 'Add consent type' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name', { exact: true }).fill('SMS offers');
      expect(await dialog.getByLabel('Key').inputValue()).toBe('sms_offers');
      await dialog.getByLabel('Purpose').fill('Offers and last-minute appointments by text message.');
      await dialog.getByLabel('Channel').selectOption('sms');
      await dialog.getByLabel('Required to join the programme').check();
      await screenshot(page, 'admin-consent-form');
      await dialog.getByRole('button', { name: 'Add consent type' }).click();
      await toast(page, 'Consent type “SMS offers” added');
      const item = page.getByTestId('consent-types').locator('li', { hasText: 'SMS offers' });
      await item.waitFor();
      expect(await item.innerText()).toMatch(/Required[\s\S]*Marketing[\s\S]*SMS/);
      await page.getByText('2 of 5 used').waitFor();
      const types = await api<{ items: Array<{ key: string; name: string; required: boolean; channel: string | null; purpose: string }> }>('/api/consent-types');
      expect(types.items.find((type) => type.key === 'sms_offers')).toMatchObject({ name: 'SMS offers', required: true, channel: 'sms', purpose: 'Offers and last-minute appointments by text message.' });
      await screenshot(page, 'admin-consents');
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows a member's issued gift cards (masked) and consents, and records a consent change", async () => {
    const member = await findMember('emma.devries');
    const { context, page, problems } = await open(`/members/${encodeURIComponent(member.id)}`);
    try {
      await page.getByRole('heading', { level: 1, name: 'Emma de Vries' }).waitFor({ timeout: 20_000 });
      const cards = page.getByTestId('member-gift-cards');
      await cards.getByText('€25 gift card').waitFor();
      expect(await cards.innerText()).toMatch(/•••• •••• •••• [A-Z0-9]{4}/);
      await cards.getByText('Issued', { exact: true }).waitFor();

      const consents = page.getByTestId('member-consents');
      await consents.getByText('SMS offers').waitFor();
      await consents.getByRole('button', { name: 'Record a change' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Consent', { exact: true }).selectOption({ label: 'SMS offers' });
      await dialog.getByText('Agrees', { exact: true }).click();
      await dialog.getByLabel('Note').fill('Asked at the front desk');
      await dialog.getByRole('button', { name: 'Record', exact: true }).click();
      await toast(page, 'Consent change recorded');
      await consents.getByText('Agreed to SMS offers').waitFor();
      await consents.getByText(/Asked at the front desk/).waitFor();
      const recorded = await api<{ consents: Array<{ key: string; granted: boolean; source: string }> }>(`/api/members/${member.id}/consents`);
      expect(recorded.consents.find((consent) => consent.key === 'sms_offers')).toMatchObject({ granted: true, source: 'staff' });
      await screenshot(page, 'admin-member-gift-cards-consents');
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('speaks Ukrainian on the new pages with ?locale=uk', async () => {
    const member = await findMember('emma.devries');
    const pages: Array<{ path: string; heading: string; texts: string[]; shot: string }> = [
      { path: '/rewards', heading: 'Винагороди подарунковими картками', texts: ['Обміни балів', 'Створити винагороду', 'Видано'], shot: 'admin-rewards-uk' },
      { path: '/settings/messages', heading: 'Повідомлення та згоди', texts: ['Шаблони', 'Попередній перегляд', 'Змінні, які можна використати в цьому повідомленні:'], shot: 'admin-templates-uk' },
      { path: '/settings/messages?tab=smtp', heading: 'Повідомлення та згоди', texts: ['Поштовий сервер (SMTP)', 'Надіслати тестовий лист'], shot: 'admin-smtp-uk' },
      { path: '/settings/messages?tab=consents', heading: 'Повідомлення та згоди', texts: ['Типи згод', 'Додати тип згоди', 'Обов\'язкова'], shot: 'admin-consents-uk' },
      { path: `/members/${encodeURIComponent(member.id)}`, heading: 'Emma de Vries', texts: ['Подарункові картки', 'Згоди', 'Записати зміну'], shot: 'admin-member-gift-cards-uk' },
    ];
    const english = ['Gift card rewards', 'Redemptions', 'Create reward', 'Templates', 'Preview', 'Consents', 'Subject', 'Server', 'Gift cards', 'Record a change', 'Issued', 'Required', 'Save'];
    for (const target of pages) {
      const separator = target.path.includes('?') ? '&' : '?';
      const { context, page, problems } = await open(`${target.path}${separator}locale=uk`);
      try {
        await page.getByRole('heading', { level: 1, name: target.heading }).waitFor({ timeout: 20_000 });
        for (const text of target.texts) await page.getByText(text, { exact: false }).filter({ visible: true }).first().waitFor();
        if (target.path === '/settings/messages') await page.frameLocator('[data-testid="template-preview"] iframe').getByText('Вітаємо, Anna!').waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe('uk');
        const main = await page.locator('#root').innerText();
        for (const word of english) expect({ page: target.path, hasEnglish: new RegExp(`\\b${word}\\b`).test(main) ? word : null }).toEqual({ page: target.path, hasEnglish: null });
        await screenshot(page, target.shot);
        expect(problems.all()).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 120_000);
});
