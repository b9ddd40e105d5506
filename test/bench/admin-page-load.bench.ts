// `npx tsx test/bench/admin-page-load.bench.ts [--loads=5]`: how long each admin page of the demo shop
// takes, in Chromium, from navigation to its content on screen (a heading and no skeleton or loading
// table left), median of N loads. "cold": a new browser context per load (no HTTP cache, as on the
// first visit); "warm": reloads in one context (the assets cached, as on every later visit).
// Prints a Markdown table for docs/benchmarks.md.
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startDemoApp } from '../support/demo-app';

const LOADS = Number(process.argv.find((arg) => arg.startsWith('--loads='))?.slice(8) ?? 5);

/** Ready: the page heading is there and nothing is still a skeleton or a loading table. */
// A string, not a function: tsx would wrap a function's inner helpers in its own __name(), which the page lacks.
// Polaris keeps some loading panels mounted but hidden: only a visible one means "still loading".
const READY_PREDICATE = `(() => {
  const shown = (selector) => [...document.querySelectorAll(selector)].some((element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.opacity !== '0';
  });
  const ready = document.querySelector('h1') !== null && !shown('[class*="Skeleton"]') && !shown('.Polaris-IndexTable__LoadingPanel');
  if (ready && window.readyAt === undefined) window.readyAt = performance.now();
  return ready;
})()`;

/** Milliseconds from the navigation's start until the page first showed its content. */
async function readyAt(page: Page): Promise<number> {
  await page.waitForFunction(READY_PREDICATE, undefined, { polling: 'raf', timeout: 30_000 });
  return page.evaluate('window.readyAt') as Promise<number>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measure(browser: Browser, url: string): Promise<{ cold: number[]; warm: number[] }> {
  const cold: number[] = [];
  for (let i = 0; i < LOADS; i += 1) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(url);
    cold.push(await readyAt(page));
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await readyAt(page);
  const warm: number[] = [];
  for (let i = 0; i < LOADS; i += 1) {
    await page.reload();
    warm.push(await readyAt(page));
  }
  await context.close();
  return { cold, warm };
}

async function main(): Promise<void> {
  const [browser, demo] = await Promise.all([launchBrowser(), startDemoApp()]);
  try {
    const token = ((await (await fetch(`${demo.url}/demo/session-token`)).json()) as { token: string }).token;
    const members = (await (await fetch(`${demo.url}/api/members?limit=100`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { items: Array<{ id: string; balance: number }> };
    const memberId = [...members.items].sort((a, b) => b.balance - a.balance)[0]!.id;
    const pages: Array<[string, string]> = [
      ['Dashboard', '/'],
      ['Members', '/members'],
      ['Member', `/members/${encodeURIComponent(memberId)}`],
      ['Services & products', '/products'],
      ['Product', '/products/1000000001'],
      ['Points report', '/report'],
      ['Rewards', '/rewards'],
      ['Bulk adjustment', '/adjustments/bulk'],
      ['Settings', '/settings'],
      ['Messages & consents', '/settings/messages'],
      ['Staff roles', '/settings/staff'],
      ['Points multipliers', '/settings/multipliers'],
    ];
    const load = os.loadavg().map((value) => value.toFixed(1)).join(' / ');
    console.log(`Chromium ${browser.version()}, ${os.cpus().length} cores, load average ${load} at start, ${LOADS} loads per page, 1440 px\n`);
    console.log('| page | cold median (ms) | cold min–max | warm median (ms) | warm min–max |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [name, path] of pages) {
      const { cold, warm } = await measure(browser, `${demo.url}${path}`);
      const range = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
      console.log(`| ${name} | ${Math.round(median(cold))} | ${range(cold)} | ${Math.round(median(warm))} | ${range(warm)} |`);
    }
    console.log(`\nload average ${os.loadavg().map((value) => value.toFixed(1)).join(' / ')} at the end`);
  } finally {
    await browser.close();
    await demo.close();
  }
}

void main();
