// Edit a service's points in the admin UI, place a test booking in the demo shop, and see the member
// earn exactly those points in their history.
import type { Browser } from 'playwright-core';
import { launchBrowser, collectPageProblems } from '../support/browser';
import { startDemoApp, type DemoApp } from '../support/demo-app';

describe('a service edited in the admin UI earns its new points on the next booking', () => {
  let browser: Browser;
  let demo: DemoApp;
  beforeAll(async () => {
    [browser, demo] = await Promise.all([launchBrowser(), startDemoApp()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), demo?.close()]);
  });

  it('saves 123 fixed points on a service and credits 123 pending points for its booking', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    const token = async () => ((await (await fetch(`${demo.url}/demo/session-token`)).json()) as { token: string }).token;
    const response = await fetch(`${demo.url}/api/products?filter=service&limit=50`, { headers: { Authorization: `Bearer ${await token()}` } });
    const services = (await response.json()) as { items: Array<{ productId: string; title: string; isGiftCard: boolean }> };
    const service = services.items.find((item) => !item.isGiftCard)!;
    await page.goto(`${demo.url}/products/${encodeURIComponent(service.productId)}`);
    await page.getByRole('heading', { name: service.title }).first().waitFor({ timeout: 20_000 });
    // Switch the loyalty tab to a fixed number of points and save.
    await page.getByText('Fixed points', { exact: true }).click();
    await page.getByLabel('Points per item').fill('123');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForFunction(async (id) => {
      const t = ((await (await fetch('/demo/session-token')).json()) as { token: string }).token;
      const r = await fetch(`/api/products/${encodeURIComponent(id)}/loyalty`, { headers: { Authorization: `Bearer ${t}` } });
      const body = (await r.json()) as { product: { pointsMode: string; fixedPoints: number } };
      return body.product.pointsMode === 'fixed' && body.product.fixedPoints === 123;
    }, service.productId, { timeout: 15_000 });

    const booking = (await (await fetch(`${demo.url}/demo/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ productId: service.productId }),
    })).json()) as { entries: unknown[] };
    expect(booking.entries).toEqual([expect.objectContaining({ points: 123, status: 'pending' })]);
    expect(problems.all()).toEqual([]);
    await context.close();
  });
});
