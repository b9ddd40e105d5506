// Onboarding an existing shop (issue 17): the past-orders backfill of a bulk export of 100,000 orders
// (JSONL read as a stream from disk, in batches through applyOrderBatch) and the import of a 100,000-row
// balance file from another loyalty app (dry run + apply, in a child process so its peak RSS is its own).
// Targets on PostgreSQL: backfill ≤ 60 s; balance import ≤ 30 s with RSS ≤ 300 MB.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import type { DbKind } from '../../web/core/db-client';
import { applyPastOrders, previewPastOrders, readPastOrders } from '../../web/core/imports/backfill-past-orders';
import { createImportJob } from '../../web/core/imports/import-job-store';
import { readLines } from '../../web/core/imports/read-lines';
import { sqlClientOf } from '../../web/core/sql/sql-client';
import { joinSql, sql } from '../../web/core/sql/sql-query';
import { createShop } from '../fixtures/factories';
import { openTestDatabase } from '../support/test-database';
import type { BenchResult } from './bench-result';

const run = promisify(execFile);

/** A grouped bulk export: each order line followed by its line items (`__parentId`). */
function writeOrdersJsonl(file: string, orders: number, customers: number): void {
  const out = fs.openSync(file, 'w');
  let buffer = '';
  for (let i = 0; i < orders; i += 1) {
    const orderId = `gid://shopify/Order/${9_000_000 + i}`;
    const processedAt = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
    buffer += `${JSON.stringify({ id: orderId, name: `#${1000 + i}`, processedAt, updatedAt: processedAt, cancelledAt: null, currencyCode: 'EUR',
      displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'FULFILLED', customer: { id: `gid://shopify/Customer/${5_000_000 + (i % customers)}` } })}\n`;
    for (let line = 0; line < 2; line += 1) {
      buffer += `${JSON.stringify({ id: `gid://shopify/LineItem/${20_000_000 + i * 2 + line}`, title: line === 0 ? 'Haircut' : 'Shampoo', quantity: 1, currentQuantity: 1,
        isGiftCard: false, product: { id: `gid://shopify/Product/${100 + line}` }, variant: null, customAttributes: [],
        discountedTotalSet: { shopMoney: { amount: `${20 + (i % 50)}.00`, currencyCode: 'EUR' } }, __parentId: orderId })}\n`;
    }
    if (buffer.length > 1 << 20) {
      fs.writeSync(out, buffer);
      buffer = '';
    }
  }
  fs.writeSync(out, buffer);
  fs.closeSync(out);
}

/** Half the rows name existing members by e-mail, half name Shopify customers who are not members yet. */
function writeBalanceCsv(file: string, rows: number): void {
  const lines = ['Shopify Customer ID,Customer Email,Points'];
  for (let i = 0; i < rows; i += 1) lines.push(i % 2 === 0 ? `,member${i}@example.com,${1 + (i % 900)}` : `${7_000_000 + i},new${i}@example.com,${1 + (i % 900)}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

export async function runOnboardingBenchmarks(options: { kind: DbKind; orders: number; rows: number }): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onboarding-bench-'));
  const db = await openTestDatabase(options.kind);
  try {
    const shop = await createShop(db.prisma);
    const jsonl = path.join(dir, 'orders.jsonl');
    writeOrdersJsonl(jsonl, options.orders, Math.max(1, Math.floor(options.orders / 4)));
    const previewStarted = performance.now();
    const preview = await previewPastOrders(db, shop.id, readPastOrders(readLines(fs.createReadStream(jsonl))), new Date());
    const previewMs = performance.now() - previewStarted;
    results.push({
      name: `onboarding: past-orders preview (${options.kind})`, value: Math.round(previewMs / 100) / 10, unit: 's',
      detail: `${preview.orders.toLocaleString('en')} orders read and planned, nothing written: ${preview.points.toLocaleString('en')} points for ${preview.members.toLocaleString('en')} members (must fit in one task run)`,
    });
    const job = await createImportJob(db, { shopId: shop.id, kind: 'past_orders', status: 'running' });
    const started = performance.now();
    const progress = await applyPastOrders(db, shop.id, job.id, readPastOrders(readLines(fs.createReadStream(jsonl))), new Date());
    const ms = performance.now() - started;
    results.push({
      name: `onboarding: past-orders backfill (${options.kind})`, value: Math.round(ms / 100) / 10, unit: 's',
      detail: `${progress.orders.toLocaleString('en')} orders (2 lines each, ${progress.processed.toLocaleString('en')} JSONL lines) streamed from disk, ${Math.round(progress.orders / (ms / 1000))} orders/s, ${progress.pointsRecorded.toLocaleString('en')} points; target ≤ 60 s for 100,000 on PostgreSQL`,
    });

    // Existing members for the e-mail half of the balance file.
    const client = sqlClientOf(db);
    const now = new Date();
    for (let start = 0; start < options.rows; start += 2000) {
      const values = [];
      for (let i = start; i < Math.min(options.rows, start + 2000); i += 2) values.push(sql`(${randomUUID()}, ${shop.id}, ${`gid://shopify/Customer/${6_000_000 + i}`}, ${`member${i}@example.com`}, ${now}, ${now})`);
      if (values.length > 0) await client.execute(sql`INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "email", "createdAt", "updatedAt") VALUES ${joinSql(values)}`);
    }
    const csv = path.join(dir, 'balances.csv');
    writeBalanceCsv(csv, options.rows);
    const child = path.join(__dirname, 'balance-import-child.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', child, db.url, shop.id, csv], { maxBuffer: 1024 * 1024, cwd: path.resolve(__dirname, '../..') });
    const done = JSON.parse(stdout.trim().split('\n').pop()!) as { dryRunMs: number; applyMs: number; rows: number; posted: number; maxRssMb: number };
    results.push({
      name: `onboarding: balance import (${options.kind})`, value: Math.round((done.dryRunMs + done.applyMs) / 100) / 10, unit: 's',
      detail: `${done.rows.toLocaleString('en')} rows (half matched by e-mail, half new members): dry run ${(done.dryRunMs / 1000).toFixed(1)} s + apply ${(done.applyMs / 1000).toFixed(1)} s, ${done.posted.toLocaleString('en')} entries; target ≤ 30 s for 100,000 on PostgreSQL`,
    });
    results.push({ name: `onboarding: balance import peak RSS (${options.kind})`, value: done.maxRssMb, unit: 'MB', detail: 'child process maxRSS; target ≤ 300 MB' });
  } finally {
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
