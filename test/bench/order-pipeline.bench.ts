// The whole order path, from a signed delivery to pending points (issue 12): the real webhook endpoint
// in one child process, the real job process (process-tasks on its schedule) in another, the load
// generator here. CPU per order is read from /proc for the job process, so it holds on a busy machine
// where wall-clock rates do not. Phases, on one database:
//   closed loop — deliveries as fast as the endpoint answers while the job process works, then the
//                 time until the last one is pending; a bare Express endpoint in the same run;
//   fixed rate  — deliveries at a steady rate: delivery-to-pending latency;
//   backlog     — a queued backlog from one shop drained by a job process started on it;
//   fairness    — while one shop's backlog drains, another shop's orders arrive: their latency.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createShop } from '../fixtures/factories';
import { orderPayload } from '../fixtures/order-payloads';
import { queueDeliveries } from '../fixtures/queue-order-deliveries';
import type { TestDatabase } from '../support/test-database';
import type { BenchResult } from './bench-result';
import { closedLoop, openLoop, type LoadRequest } from './http-load';
import { orderWebhookRequest, startIngestServer } from './webhook-ingest.bench';
import { createBenchGroups } from './bench-groups';

const root = path.resolve(__dirname, '../..');
const CLOCK_TICKS = 100;

export interface OrderPipelineOptions {
  durationMs: number;
  fixedRate: number;
  backlog: number;
  flood: number;
  claimers?: number;
  /** give every bench shop 10 automatic groups and a 3-tier ladder (`--groups`): orders then refresh them */
  groups?: boolean;
}

/** utime + stime of a process, in ms. */
function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

async function startWorker(databaseUrl: string, claimers: number) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'test/bench/order-worker.ts', databaseUrl], {
    cwd: root,
    env: { PATH: process.env.PATH, TASK_CLAIMERS: String(claimers) },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`job process exited ${code}: ${output}`)));
  });
  const pid = child.pid!;
  return {
    cpuMs: () => cpuMsOf(pid),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function delivery(shopDomain: string, payload: unknown): LoadRequest {
  return orderWebhookRequest(shopDomain, JSON.stringify(payload));
}

/** A paid order of 1-3 lines, one of 5,000 customers (members repeat, as on a real shop). */
function benchOrder(i: number) {
  const lines = [{ title: 'Colour & cut', price: '89.00', properties: [{ name: 'Date', value: '26-11-2026' }, { name: 'Time', value: '14:00 - 15:00' }] }, { price: '12.50' }, { price: '4.99', quantity: 2 }];
  return orderPayload({ customerId: 100_000 + (i % 5000), lines: lines.slice(0, 1 + (i % 3)) });
}

async function openTasks(db: TestDatabase, shopDomain?: string): Promise<number> {
  return db.prisma.task.count({ where: { status: { in: ['queued', 'running'] }, ...(shopDomain ? { shopDomain } : {}) } });
}

async function waitUntilDrained(db: TestDatabase, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await openTasks(db)) > 0) {
    if (Date.now() > deadline) throw new Error(`queue not drained within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

async function waitUntilDrainedBy(db: TestDatabase, starting: ReturnType<typeof startWorker>): Promise<void> {
  const worker = await starting;
  await waitUntilDrained(db, 600_000);
  await worker.stop();
}

/** Delivery-to-pending latency of each order of a shop: receivedAt of its delivery to its first pending entry. */
async function latencies(db: TestDatabase, shopId: string, shopDomain: string, since: Date): Promise<number[]> {
  const deliveries = await db.prisma.webhookDelivery.findMany({ where: { shopDomain, receivedAt: { gte: since } }, select: { receivedAt: true, payload: true } });
  const entries = await db.prisma.ledgerEntry.groupBy({ by: ['orderId'], where: { shopId, createdAt: { gte: since } }, _min: { createdAt: true } });
  const pendingAt = new Map(entries.map((e) => [e.orderId, e._min.createdAt!]));
  return deliveries
    .map((d) => {
      const at = pendingAt.get(`gid://shopify/Order/${(JSON.parse(d.payload) as { id: number }).id}`);
      return at ? at.getTime() - d.receivedAt.getTime() : Number.NaN;
    })
    .filter((ms) => !Number.isNaN(ms))
    .sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

export async function runOrderPipelineBenchmarks(db: TestDatabase, options: OrderPipelineOptions): Promise<BenchResult[]> {
  const kind = db.kind;
  const claimers = options.claimers ?? 2;
  const results: BenchResult[] = [];
  const bench = await createShop(db.prisma, { domain: 'bench.myshopify.com', ianaTimezone: 'Europe/Amsterdam' });
  const flood = await createShop(db.prisma, { domain: 'flood.myshopify.com' });
  const quiet = await createShop(db.prisma, { domain: 'quiet.myshopify.com' });
  if (options.groups) for (const shop of [bench, flood, quiet]) await createBenchGroups(db.prisma, shop.id, { tiers: true });
  const withGroups = options.groups ? ', 10 automatic groups + 3 tiers per shop' : '';
  const server = await startIngestServer(db.url);
  let seq = 0;
  const order = () => benchOrder(seq++);
  try {
    // Warm-up (JIT, pools).
    await closedLoop(server.barePort, () => ({ ...delivery(bench.domain, order()), path: '/bare' }), { connections: 16, durationMs: 1000 });
    await closedLoop(server.appPort, () => delivery(bench.domain, order()), { connections: 16, durationMs: 1000 });
    await waitUntilDrainedBy(db, startWorker(db.url, claimers));

    // Closed loop: the job process works on a backlog while the bare endpoint, then the webhook
    // endpoint, take requests as fast as they answer (both under the same load, for the ingest ratio).
    const head = Math.round(options.durationMs * 0.5);
    await queueDeliveries(db, Array.from({ length: head }, () => ({ shopDomain: bench.domain, topic: 'orders/paid', payload: order() })));
    let worker = await startWorker(db.url, claimers);
    let cpu0 = worker.cpuMs();
    const started = Date.now();
    const bare = await closedLoop(server.barePort, () => ({ ...delivery(bench.domain, order()), path: '/bare' }), { connections: 32, durationMs: options.durationMs });
    const ingest = await closedLoop(server.appPort, () => delivery(bench.domain, order()), { connections: 32, durationMs: options.durationMs });
    await waitUntilDrained(db, 600_000);
    const closedSeconds = (Date.now() - started) / 1000;
    const closedOrders = head + ingest.requests;
    const closedCpu = (worker.cpuMs() - cpu0) / closedOrders;
    results.push(
      { name: `orders delivered -> pending, closed loop [${kind}${withGroups}]`, value: Math.round(closedOrders / closedSeconds), unit: 'orders/s', detail: `${head} queued + ${ingest.requests} delivered during the run, ${closedSeconds.toFixed(1)} s until the last was pending; job process CPU ${closedCpu.toFixed(3)} ms/order; ${claimers} claimers` },
      { name: `webhook ingest while the job process works [${kind}${withGroups}]`, value: Math.round(ingest.perSecond), unit: 'deliveries/s', detail: `32 connections, ${ingest.errors} errors, p99 ${ingest.p99.toFixed(1)} ms; bare Express under the same load ${Math.round(bare.perSecond)}/s, ingest/bare = ${(ingest.perSecond / bare.perSecond).toFixed(2)}` },
    );

    // Fixed rate: latency from delivery to pending.
    const paceStart = new Date();
    cpu0 = worker.cpuMs();
    const paced = await openLoop(server.appPort, () => delivery(bench.domain, order()), { rate: options.fixedRate, durationMs: options.durationMs });
    await waitUntilDrained(db, 600_000);
    const pacedLatency = await latencies(db, bench.id, bench.domain, paceStart);
    results.push({
      name: `delivery -> pending p99 at ${options.fixedRate}/s [${kind}${withGroups}]`, value: Math.round(percentile(pacedLatency, 0.99)), unit: 'ms',
      detail: `p50 ${Math.round(percentile(pacedLatency, 0.5))} ms, ${pacedLatency.length}/${paced.requests} orders, ${paced.errors} errors; job process CPU ${((worker.cpuMs() - cpu0) / paced.requests).toFixed(3)} ms/order`,
    });
    await worker.stop();

    // Backlog: queued first, then one job process drains it.
    await queueDeliveries(db, Array.from({ length: options.backlog }, () => ({ shopDomain: flood.domain, topic: 'orders/paid', payload: order() })));
    worker = await startWorker(db.url, claimers);
    cpu0 = worker.cpuMs();
    const drainStart = Date.now();
    await waitUntilDrained(db, 900_000);
    const drainSeconds = (Date.now() - drainStart) / 1000;
    results.push({
      name: `${options.backlog.toLocaleString('en')}-order backlog drained [${kind}${withGroups}]`, value: Number(drainSeconds.toFixed(1)), unit: 's',
      detail: `${Math.round(options.backlog / drainSeconds)} orders/s; job process CPU ${((worker.cpuMs() - cpu0) / options.backlog).toFixed(3)} ms/order`,
    });
    await worker.stop();

    // Fairness: another shop's orders while one shop's backlog drains.
    await queueDeliveries(db, Array.from({ length: options.flood }, () => ({ shopDomain: flood.domain, topic: 'orders/paid', payload: order() })));
    const fairStart = new Date();
    worker = await startWorker(db.url, claimers);
    let sent = 0;
    while ((await openTasks(db, flood.domain)) > 0) sent += (await openLoop(server.appPort, () => delivery(quiet.domain, order()), { rate: 5, durationMs: 1000 })).requests;
    await waitUntilDrained(db, 600_000);
    const quietLatency = await latencies(db, quiet.id, quiet.domain, fairStart);
    results.push({
      name: `another shop's order -> pending p99 behind a ${options.flood.toLocaleString('en')}-order backlog [${kind}${withGroups}]`, value: Math.round(percentile(quietLatency, 0.99)), unit: 'ms',
      detail: `p50 ${Math.round(percentile(quietLatency, 0.5))} ms, max ${Math.round(quietLatency[quietLatency.length - 1] ?? Number.NaN)} ms, ${quietLatency.length}/${sent} orders (one every 200 ms while the backlog drained)`,
    });
    await worker.stop();
  } finally {
    server.stop();
  }
  return results;
}
