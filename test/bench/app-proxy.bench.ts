// App proxy benchmarks: (1) balance reads through /proxy (signature check + shop + member + pending
// entries) at a fixed 1,000 requests/s open loop; (2) redemptions end to end (debit + redemption +
// task, then giftCardCreate against the simulator with 50 ms latency, code in the response).
// The app runs in a child process; the load generator and the Shopify simulator share this one.
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { DbKind } from '../../web/core/db-client';
import { saveOfflineSession } from '../../web/server/auth/offline-session-store';
import { saveInstalledShop } from '../../web/core/shops/save-installed-shop';
import { startShopifySimulator } from '../simulator';
import { openTestDatabase } from '../support/test-database';
import type { BenchResult } from './bench-result';
import { closedLoop, runLoadInWorker, type LoadRequest } from './http-load';

const root = path.resolve(__dirname, '../..');
const API_SECRET = 'bench-api-secret-0123456789';
const SHOP = 'proxy-bench.myshopify.com';
const MEMBERS = 2000;
const t0 = performance.now();
const progress = (step: string) => {
  if (process.env.BENCH_PROGRESS) process.stderr.write(`[app-proxy ${((performance.now() - t0) / 1000).toFixed(1)} s] ${step}\n`);
};

async function startAppServer(databaseUrl: string, simulatorUrl: string) {
  // node itself (tsx as a loader), so that killing the child really stops the server.
  const nodeArgs = process.env.BENCH_APP_NODE_ARGS ? process.env.BENCH_APP_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'test/bench/app-proxy-bench-server.ts', databaseUrl, simulatorUrl], { cwd: root, env: { PATH: process.env.PATH, BENCH_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '10' } });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    // BENCH_APP_LOG=file keeps what the app process prints (e.g. with BENCH_APP_NODE_ARGS=--trace-gc).
    if (process.env.BENCH_APP_LOG) child.stdout.pipe(createWriteStream(process.env.BENCH_APP_LOG));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // The first line that is the announcement (node flags such as --trace-gc may print before it).
      const announcement = output.split('\n').find((line) => line.startsWith('{"port"'));
      if (announcement) resolve((JSON.parse(announcement) as { port: number }).port);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`app server exited ${code}: ${output}`)));
  });
  // SIGINT lets a profiled child write its profile on exit.
  return { port, pid: child.pid!, stop: () => child.kill(nodeArgs.length > 0 ? 'SIGINT' : 'SIGKILL') };
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return Number.NaN;
  }
}

/** Runs a load phase and adds the app process' CPU time per request to its result. */
async function withAppCpu<T extends { requests: number }>(pid: number, phase: () => Promise<T>): Promise<T & { appCpuMsPerRequest: number }> {
  const before = cpuMsOf(pid);
  const result = await phase();
  return { ...result, appCpuMsPerRequest: (cpuMsOf(pid) - before) / Math.max(1, result.requests) };
}

export async function runAppProxyBenchmarks(options: { kind: DbKind; durationMs?: number }): Promise<BenchResult[]> {
  const durationMs = options.durationMs ?? 5000;
  const db = await openTestDatabase(options.kind);
  // Shopify Plus restores 1,000 cost points/s per shop; 200 cards/s needs ~2,000 (10 per create),
  // so the simulated bucket is enlarged: this measures our side, not Shopify's per-shop limit.
  const sim = await startShopifySimulator({ apiKey: 'bench-api-key', apiSecret: API_SECRET, maximumAvailable: 1_000_000, restoreRate: 1_000_000 });
  sim.warmSchema();
  let server: { port: number; pid: number; stop: () => void } | undefined;
  try {
    sim.addShop(SHOP, { name: 'Bench', currencyCode: 'EUR', ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'en', giftCardIssueLimit: 2000 });
    const { id: shopId } = await saveInstalledShop(db.prisma, { domain: SHOP, name: 'Bench', currency: 'EUR', ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'en' });
    await saveOfflineSession(db.prisma, { shop: SHOP, accessToken: sim.issueAccessToken(SHOP), scope: null });
    const now = new Date();
    const members = Array.from({ length: MEMBERS }, (_, i) => ({ id: `bench-member-${i}`, shopId, shopifyCustomerId: `gid://shopify/Customer/${i + 1}`, balance: 1_000_000, pendingPoints: 25 }));
    await db.prisma.member.createMany({ data: members });
    await db.prisma.ledgerEntry.createMany({
      data: members.flatMap((m) => [
        { shopId, memberId: m.id, type: 'adjust', status: 'posted', points: 1_000_000, description: 'seed', sourceType: 'staff', sourceId: m.id, idempotencyKey: `seed:${m.id}`, postedAt: now },
        { shopId, memberId: m.id, type: 'earn', status: 'pending', points: 25, description: 'Haircut', sourceType: 'line_item', sourceId: m.id, idempotencyKey: `pending:${m.id}`, availableAt: new Date(now.getTime() + 86_400_000) },
      ]),
    });
    const stamp = now.toISOString();
    for (let i = 1; i <= MEMBERS; i += 1) {
      sim.shop(SHOP).customers.push({ id: i, firstName: 'B', lastName: String(i), email: null, phone: null, locale: 'en', tags: [], note: null, emailMarketingState: 'NOT_SUBSCRIBED', createdAt: stamp, updatedAt: stamp, metafields: [] });
    }
    const reward = await db.prisma.giftCardReward.create({ data: { shopId, title: '€5 card', valueMinor: 500, currency: 'EUR', pointsCost: 10 } });
    progress('seeded');
    server = await startAppServer(db.url, sim.url);
    progress('app server up');
    const port = server.port;

    const signedPath = (pathName: string, customer: number) => {
      const query = sim.signAppProxyQuery({ shop: SHOP, logged_in_customer_id: String(customer), path_prefix: '/apps/loyalty', timestamp: String(Math.floor(Date.now() / 1000)) });
      return `/proxy${pathName}?${new URLSearchParams(query as Record<string, string>).toString()}`;
    };
    const results: BenchResult[] = [];
    if (!process.env.BENCH_SKIP_BALANCE) {
      const balancePaths = Array.from({ length: MEMBERS }, (_, i) => signedPath('/balance', i + 1));
      const balance = (i: number): LoadRequest => ({ method: 'GET', path: balancePaths[i % MEMBERS]!, headers: {} });
      const balanceRequests = balancePaths.map((_, i) => balance(i));
      await closedLoop(port, balance, { connections: 16, durationMs: 3000 });
      const paced = await withAppCpu(server.pid, () => runLoadInWorker('open', port, balanceRequests, { rate: 1000, durationMs }));
      const saturated = await runLoadInWorker('closed', port, balanceRequests, { connections: 32, durationMs: Math.min(durationMs, 3000) });
      progress('balance reads measured');
      results.push(
        { name: `app proxy balance p99 at 1,000/s [${options.kind}]`, value: Number(paced.p99.toFixed(2)), unit: 'ms', detail: `p50 ${paced.p50.toFixed(2)} ms, max ${paced.max.toFixed(1)} ms, ${paced.requests} requests in ${paced.seconds.toFixed(1)} s, ${paced.errors} errors (open loop, keep-alive); app CPU ${paced.appCpuMsPerRequest.toFixed(3)} ms/request` },
        { name: `app proxy balance throughput [${options.kind}]`, value: Math.round(saturated.perSecond), unit: 'requests/s', detail: `32 connections closed loop, p99 ${saturated.p99.toFixed(1)} ms, ${saturated.errors} errors` },
      );
    }

    if (process.env.BENCH_SKIP_REDEEM) return results;
    const latencyMs = Number(process.env.BENCH_SHOPIFY_LATENCY_MS ?? 50);
    const connections = Number(process.env.BENCH_REDEEM_CONNECTIONS ?? 64);
    if (latencyMs > 0) sim.faults.add({ kind: 'latency', latencyMs });
    const body = JSON.stringify({ rewardId: reward.id });
    const redeemPaths = Array.from({ length: MEMBERS }, (_, i) => signedPath('/redeem', i + 1));
    const redeem = (i: number): LoadRequest => ({
      method: 'POST',
      path: redeemPaths[i % MEMBERS]!,
      body,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'idempotency-key': randomUUID() },
    });
    await closedLoop(port, redeem, { connections: 16, durationMs: 1000, expectStatus: 201 });
    const cardsBefore = sim.shop(SHOP).giftCards.length;
    const redemptions = await withAppCpu(server.pid, () => closedLoop(port, redeem, { connections, durationMs, expectStatus: 201 }));
    const cards = sim.shop(SHOP).giftCards.length - cardsBefore;
    progress('redemptions measured');
    results.push({ name: `redemptions end to end [${options.kind}]`, value: Math.round(redemptions.perSecond), unit: 'redemptions/s', detail: `${connections} connections, Shopify latency ${latencyMs} ms, ${redemptions.requests} requests, ${cards} cards created, ${redemptions.errors} not 201, p50 ${redemptions.p50.toFixed(0)} ms, p99 ${redemptions.p99.toFixed(0)} ms, app CPU ${redemptions.appCpuMsPerRequest.toFixed(2)} ms/redemption` });
    return results;
  } finally {
    server?.stop();
    await sim.close();
    await db.drop();
  }
}

if (require.main === module) {
  const kind = (process.argv[2] ?? 'sqlite') as DbKind;
  runAppProxyBenchmarks({ kind }).then((results) => {
    console.table(results);
    process.exit(0);
  }, (error) => {
    console.error(error);
    process.exit(1);
  });
}
