// Bulk messages in real Chromium against the app in demo mode: compose with a live preview and recipient
// count, a test to myself that lands in the "Sent in demo" inbox (rendered HTML), the confirmation step,
// and the detail page. Screenshots go to test-results/.
import { demoAdminInChromium } from '../support/admin-ui-helpers';

jest.setTimeout(180_000);

describe('bulk messages in Chromium (demo mode)', () => {
  const { open, screenshot, toast, api } = demoAdminInChromium();

  it('composes a message, sends a test into the demo inbox, confirms, and shows the message with its statistics', async () => {
    const { context, page, problems } = await open('/messages/bulk');
    try {
      await page.getByRole('heading', { level: 1, name: 'Bulk messages' }).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'New bulk message' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'New bulk message' }).waitFor();

      await page.getByLabel('Internal name').fill('Spring offer');
      await page.getByLabel('Subject').fill('Spring at %shop_name%');
      await page.getByLabel('E-mail (HTML)').fill('<p>Hi <b>%first_name%</b>, you have %balance% points.</p>');
      await page.getByLabel('E-mail (plain text)').fill('Hi %first_name%, you have %balance% points.');
      // The preview renders for a sample member and counts who would receive it after consent filtering.
      await page.getByText(/members will receive it/).waitFor({ timeout: 15_000 });
      await page.getByText(/Subject: Spring at /).waitFor();
      const html = page.frameLocator('iframe[title="E-mail (HTML)"]');
      await html.getByText('Anna').waitFor();

      await page.getByLabel('Your e-mail address').fill('owner@example.com');
      await page.getByRole('button', { name: 'Send a test to myself' }).click();
      await toast(page, 'Test e-mail sent to owner@example.com');
      await screenshot(page, 'admin-bulk-compose');

      await page.getByRole('button', { name: 'Review and send' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Send this message?').waitFor();
      await dialog.getByText(/will receive “Spring offer”/).waitFor();
      await dialog.getByRole('button', { name: 'Send', exact: true }).click();
      await toast(page, 'Bulk message “Spring offer” confirmed');
      await page.getByRole('heading', { level: 1, name: 'Spring offer' }).waitFor();
      await page.getByText('Delivery').first().waitFor().catch(() => undefined);
      await screenshot(page, 'admin-bulk-detail');

      await page.goto(page.url().replace(/\/messages\/bulk\/[^?]+/, '/messages/demo-inbox'));
      await page.getByRole('heading', { level: 1, name: 'Sent in demo' }).waitFor();
      await page.getByText('[Test] Spring at', { exact: false }).first().click();
      const opened = page.frameLocator('[data-testid="demo-inbox-html"]');
      await opened.getByText('Anna').waitFor();
      await screenshot(page, 'admin-demo-inbox');
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets the owner send an event by e-mail and SMS from the template editor', async () => {
    const { context, page, problems } = await open('/settings/messages');
    try {
      await page.getByLabel('Send this message by').waitFor({ timeout: 30_000 });
      await page.getByLabel('Send this message by').selectOption('both');
      await toast(page, 'Channels saved');
      const saved = await api<{ items: Array<{ event: string; channels: string }> }>('/api/message-channels');
      expect(saved.items).toContainEqual({ event: 'points_credited', channels: 'both' });
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
