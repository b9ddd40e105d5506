// `npm run chaos`: two web and two job processes on a PostgreSQL of the run's own, under a bounded load
// of signed webhooks, storefront redemptions and staff adjustments, while processes are killed, the
// database restarts, Shopify fails and the mail server goes away. Then the app is given its calm and
// the outcome is checked against what was sent. Prints the figures; exit code 1 when a check fails.
//
// CHAOS_SECONDS (load window, default 90), CHAOS_SEED (default: time-based), CHAOS_CUSTOMERS (30),
// CHAOS_KEEP_LOGS=1 keeps the processes' logs also when every check passed (their folder is printed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../web/server/db/create-database';
import { startShopifySimulator } from '../simulator';
import { createSeededRandom } from '../simulator/seeded-random';
import { AppClients } from './app-clients';
import { appProcess, type AppProcess } from './app-processes';
import { CHAOS_SHOP, createChaosShop } from './chaos-shop';
import { runFaultSchedule, type TimelineEvent } from './fault-schedule';
import { freePort } from './free-port';
import { buildOrderScenario } from './order-scenarios';
import { printReport } from './print-report';
import { prepareShop } from './prepare-shop';
import { openWork, skipTime, stopAll, waitUntilQuiet } from './settle-the-app';
import { startSmtpSink } from './smtp-sink';
import { StorefrontAndStaffTraffic } from './storefront-and-staff-traffic';
import { startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';
import { checkAdjustments, checkBalances, checkMessages, checkMessagesQueued, checkNoCrashes, checkOrderPoints, checkRedemptions, checkTasks, checkWebHealth } from './verify-outcome';
import { WebhookTraffic } from './webhook-traffic';

const API_KEY = 'chaos-api-key';
const API_SECRET = 'chaos-api-secret-0123456789';

async function main(): Promise<number> {
  const seconds = Number(process.env.CHAOS_SECONDS ?? 90);
  const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
  const customers = Number(process.env.CHAOS_CUSTOMERS ?? 30);
  const random = createSeededRandom(seed);
  const runId = seed.toString(36);
  const timeline: TimelineEvent[] = [];
  const note = (what: string) => {
    timeline.push({ at: Date.now(), what });
    process.stdout.write(`[chaos] ${what}\n`);
  };
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loyalty-chaos-logs-'));
  let postgres: ThrowawayPostgres | undefined;
  const processes: AppProcess[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  let passed = false;
  const onSignal = () => {
    for (const p of processes) if (p.pid()) process.kill(p.pid()!, 'SIGKILL');
    postgres?.destroy();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () => {
    for (const p of processes) if (p.pid()) process.kill(p.pid()!, 'SIGKILL');
    postgres?.destroy();
  });

  try {
    note(`seed ${seed}, load window ${seconds} s, ${customers} customers, logs in ${logDir}`);
    postgres = await startThrowawayPostgres();
    note(`own PostgreSQL on port ${postgres.port}`);
    const smtp = await startSmtpSink(await freePort());
    cleanups.push(() => smtp.close());
    const simulator = await startShopifySimulator({ apiKey: API_KEY, apiSecret: API_SECRET });
    cleanups.push(() => simulator.close());
    // Shopify's Admin schema validates every query the app sends; without it nothing works, so say so now.
    simulator.warmSchema();
    const shop = createChaosShop(simulator, customers);

    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: postgres.url,
      DATABASE_POOL_SIZE: '5',
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: 'https://loyalty.chaos.test',
      SHOPIFY_SIMULATOR_URL: simulator.url,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RUN_JOBS_IN_WEB: 'false',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: 'Chaos Salon <loyalty@chaos.example>',
      OUTBOX_LEASE_SECONDS: '10',
    };
    processes.push(
      appProcess('web-1', 'web', env, logDir),
      appProcess('web-2', 'web', env, logDir),
      appProcess('jobs-1', 'jobs', env, logDir),
      appProcess('jobs-2', 'jobs', env, logDir),
    );
    // The first process migrates; the others then start at once.
    await processes[0]!.start();
    await Promise.all(processes.slice(1).map((p) => p.start()));
    note('2 web + 2 job processes up');
    const webs = processes.filter((p) => p.kind === 'web');
    const clients = new AppClients(webs, simulator, API_SECRET, CHAOS_SHOP, () => random.next());
    const people = new StorefrontAndStaffTraffic(clients);
    const setup = await prepareShop({ clients, databaseUrl: postgres.url, shop, people, note });

    const webhooks = new WebhookTraffic(clients);
    const window = { start: Date.now(), end: Date.now() + seconds * 1000 };
    note('load and faults start');
    const loop = async (pauseMs: [number, number], work: () => Promise<void>) => {
      while (Date.now() < window.end) {
        await work();
        await new Promise((resolve) => setTimeout(resolve, random.int(pauseMs[0], pauseMs[1])));
      }
    };
    const inFlight: Array<Promise<void>> = [];
    // A customer deleted in Shopify after joining: their redemptions cannot be issued (CUSTOMER_NOT_FOUND,
    // OWNER_NOT_FOUND) and must be reversed, points returned, with a reward_failed message.
    const departed = shop.customers.splice(0, 1)[0]!;
    inFlight.push((async () => {
      for (const [fraction, reward] of [[0.35, setup.giftCardRewardId], [0.85, setup.storeCreditRewardId]] as const) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, window.start + (window.end - window.start) * fraction - Date.now())));
        note(`customer ${departed.id}, deleted in Shopify, redeems`);
        await people.redeem(people.newRedemption(departed.id, reward), window.end);
      }
    })());
    const load = Promise.all([
      ...Array.from({ length: 3 }, () => loop([200, 900], () => webhooks.send(buildOrderScenario(shop, random, runId), window.end))),
      ...Array.from({ length: 2 }, () => loop([800, 2000], async () => {
        const customer = random.pick(shop.customers);
        const request = people.newRedemption(customer.id, random.chance(0.75) ? setup.giftCardRewardId : setup.storeCreditRewardId);
        // Now and then the storefront sends the same request twice at once (a double click).
        if (random.chance(0.1)) inFlight.push(people.redeem({ ...request }, window.end).then(() => undefined));
        await people.redeem(request, window.end);
      })),
      loop([700, 1800], async () => {
        const member = random.pick(setup.members);
        const request = people.newAdjustment(member.memberId, random.int(5, 150));
        // A double-submitted form: the same key twice at once.
        if (random.chance(0.1)) inFlight.push(people.adjust({ ...request }, window.end));
        await people.adjust(request, window.end);
        // Now and then a manager downloads the points report (a streamed export with its own connection).
        if (random.chance(0.15)) await people.exportReport();
      }),
    ]);
    const provokeRedemption = (reward: 'gift_card' | 'store_credit') => {
      const member = random.pick(setup.members);
      const request = people.newRedemption(member.customerId, reward === 'gift_card' ? setup.giftCardRewardId : setup.storeCreditRewardId);
      inFlight.push(people.redeem(request, window.end));
    };
    const [faults] = await Promise.all([runFaultSchedule({ processes, postgres, simulator, smtp, provokeRedemption }, random, window, timeline), load]);
    await Promise.all(inFlight);
    note(`load over: ${webhooks.scenarios.length} orders, ${people.redemptions.length} redemption and ${people.adjustments.length} adjustment requests`);

    // The calm after the storm (see settle-the-app.ts).
    const stopsUnderLoad = await stopAll(processes, timeline);
    const db = createDatabase(postgres.url, { poolSize: 3 });
    cleanups.push(() => db.close());
    const skipped = await skipTime(db, { expireLeases: true });
    note(`all stopped; skipped time: ${skipped.expiredLeases} leases of stopped workers expired, ${skipped.skippedBackoffs} backoffs made due; open work ${JSON.stringify(await openWork(db))}`);
    await Promise.all(processes.map((p) => p.start()));
    note('fresh processes up; clients re-send what got no answer');
    const settleDeadline = Date.now() + 180_000;
    await Promise.all([webhooks.resendUnanswered(settleDeadline), people.retryUnanswered(settleDeadline)]);
    const quietAfterMs = await waitUntilQuiet(db, settleDeadline, (work) => process.stdout.write(`[chaos] open work ${JSON.stringify(work)}\n`));
    note(quietAfterMs === null ? 'NOT quiet within the settle time' : `quiet after ${quietAfterMs} ms`);

    const shopRow = await db.prisma.shop.findUniqueOrThrow({ where: { domain: CHAOS_SHOP }, select: { id: true } });
    const checks = [
      await checkOrderPoints(db, shopRow.id, webhooks.scenarios),
      await checkRedemptions(db, shopRow.id, shop, people),
      await checkAdjustments(db, shopRow.id, people),
      await checkMessagesQueued(db, shopRow.id),
      await checkMessages(db, shopRow.id, smtp, processes, timeline),
      await checkTasks(db),
      await checkBalances(postgres.url),
      await checkWebHealth(webs),
      checkNoCrashes(processes, logDir, timeline),
    ];
    const stopsAtEnd = await stopAll(processes, timeline);
    passed = checks.every((check) => check.ok);
    printReport({ seed, seconds, faults, webhookFigures: webhooks.figures, traffic: { reportExports: people.exports }, checks, stopsUnderLoad, stopsAtEnd, quietAfterMs, skipped, timeline, logDir });
    return passed ? 0 : 1;
  } finally {
    for (const p of processes) await p.kill9();
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
    postgres?.destroy();
    // The processes' logs are what a failed check is investigated with: kept then, or when asked.
    if (passed && process.env.CHAOS_KEEP_LOGS !== '1') fs.rmSync(logDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`chaos run failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(2);
  },
);
