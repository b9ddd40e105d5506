// What goes wrong during the load window, at random moments (seeded): kill -9 of a web or job process
// (started again a moment later), one PostgreSQL restart, Shopify answering 429/5xx/THROTTLED or not at
// all (and a quarter of those after executing the request: the change made, the answer lost), and the SMTP server going down
// and coming back. Every event is written to the timeline the report prints.
import type { ShopifySimulator, FaultKind } from '../simulator';
import type { SeededRandom } from '../simulator/seeded-random';
import type { AppProcess } from './app-processes';
import type { SmtpSink } from './smtp-sink';
import type { ThrowawayPostgres } from './throwaway-postgres';

export interface TimelineEvent {
  at: number;
  what: string;
}

export interface FaultFigures {
  kills: number;
  restarts: number;
  postgresRestarts: number;
  shopifyFaults: Record<string, number>;
  smtpOutages: number;
}

export interface FaultTargets {
  processes: AppProcess[];
  postgres: ThrowawayPostgres;
  simulator: ShopifySimulator;
  smtp: SmtpSink;
  /** sends one redemption of this kind now (not awaited), so a scripted Shopify fault meets a request */
  provokeRedemption: (reward: 'gift_card' | 'store_credit') => void;
}

const SHOPIFY_FAULTS: FaultKind[] = ['throttled', 'http429', 'http500', 'http502', 'timeout', 'networkReset'];
/** the faults that can also come after Shopify executed the request: the change is made, the answer lost */
const AFTER_EXECUTION: FaultKind[] = ['http500', 'http502', 'timeout', 'networkReset'];
const FIELDS = ['giftCardCreate', 'storeCreditAccountCredit', 'giftCards', undefined];

export async function runFaultSchedule(targets: FaultTargets, random: SeededRandom, window: { start: number; end: number }, timeline: TimelineEvent[]): Promise<FaultFigures> {
  const figures: FaultFigures = { kills: 0, restarts: 0, postgresRestarts: 0, shopifyFaults: {}, smtpOutages: 0 };
  const note = (what: string) => timeline.push({ at: Date.now(), what });
  const span = window.end - window.start;
  const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
  const restarts: Array<Promise<void>> = [];

  const kills = (async () => {
    for (let at = window.start + random.int(4000, 8000); at < window.end - 5000; at += random.int(6000, 12_000)) {
      await sleepUntil(at);
      const live = targets.processes.filter((p) => p.isUp());
      if (live.length === 0) continue;
      const victim = random.pick(live);
      const pid = victim.pid();
      await victim.kill9();
      figures.kills += 1;
      note(`kill -9 ${victim.name} (pid ${pid})`);
      const downFor = random.int(1000, 4000);
      restarts.push((async () => {
        await new Promise((resolve) => setTimeout(resolve, downFor));
        for (let attempt = 1; attempt <= 3; attempt += 1) {
          try {
            await victim.start();
            figures.restarts += 1;
            note(`${victim.name} started again (pid ${victim.pid()})`);
            return;
          } catch (error) {
            note(`${victim.name} did not start (attempt ${attempt}): ${(error as Error).message}`);
          }
        }
      })());
    }
  })();

  const postgres = (async () => {
    await sleepUntil(window.start + span * 0.45);
    note('PostgreSQL restart (pg_ctl restart -m immediate)');
    targets.postgres.restart();
    figures.postgresRestarts += 1;
    note('PostgreSQL accepting connections again');
  })();

  const shopify = (async () => {
    for (let at = window.start + 2000; at < window.end - 3000; at += random.int(3000, 7000)) {
      await sleepUntil(at);
      const kind = random.pick(SHOPIFY_FAULTS);
      const field = FIELDS[random.int(0, FIELDS.length - 1)];
      const times = random.int(1, 3);
      const afterExecution = AFTER_EXECUTION.includes(kind) && random.chance(0.25);
      targets.simulator.faults.add({ kind, times, ...(afterExecution ? { afterExecution } : {}), ...(field ? { match: { field } } : {}) });
      const name = `${kind}${afterExecution ? ' after execution' : ''}`;
      figures.shopifyFaults[name] = (figures.shopifyFaults[name] ?? 0) + times;
      note(`Shopify: ${name} x${times}${field ? ` on ${field}` : ''}`);
    }
  })();

  // The windows that matter most, on purpose rather than by chance: Shopify applies a mutation and the
  // answer is lost; and every process dies while Shopify is executing one (a slow answer, then power
  // loss of the whole fleet), so the next worker finds Shopify changed and nothing recorded.
  const killEverything = async (why: string) => {
    const live = targets.processes.filter((p) => p.isUp());
    await Promise.all(live.map((p) => p.kill9()));
    figures.kills += live.length;
    note(`kill -9 of every process (${live.map((p) => p.name).join(', ')}): ${why}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await Promise.all(live.map(async (p) => {
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        try {
          await p.start();
          figures.restarts += 1;
          return;
        } catch (error) {
          note(`${p.name} did not start (attempt ${attempt}): ${(error as Error).message}`);
        }
      }
    }));
    note('every process started again');
  };
  const scripted = (async () => {
    const faultAt = async (fraction: number, kind: FaultKind, field: 'giftCardCreate' | 'storeCreditAccountCredit', extra: { latencyMs?: number; afterExecution?: boolean } = {}) => {
      await sleepUntil(window.start + span * fraction);
      targets.simulator.faults.add({ kind, times: 1, match: { field }, ...extra });
      const name = `${kind}${extra.afterExecution ? ' after execution' : ''}`;
      figures.shopifyFaults[name] = (figures.shopifyFaults[name] ?? 0) + 1;
      targets.provokeRedemption(field === 'giftCardCreate' ? 'gift_card' : 'store_credit');
      note(`Shopify: ${name}${extra.latencyMs ? ` ${extra.latencyMs} ms` : ''} x1 on ${field}, and a redemption that meets it`);
    };
    await faultAt(0.2, 'networkReset', 'giftCardCreate', { afterExecution: true });
    await faultAt(0.25, 'http500', 'storeCreditAccountCredit', { afterExecution: true });
    await faultAt(0.55, 'latency', 'giftCardCreate', { latencyMs: 6000 });
    await sleepUntil(Date.now() + 3000);
    await killEverything('while Shopify executes a giftCardCreate');
    await faultAt(0.75, 'latency', 'storeCreditAccountCredit', { latencyMs: 6000 });
    await sleepUntil(Date.now() + 3000);
    await killEverything('while Shopify executes a storeCreditAccountCredit');
  })();

  const smtp = (async () => {
    for (const [from, seconds] of [[0.3, 8], [0.7, 5]] as const) {
      await sleepUntil(window.start + span * from);
      await targets.smtp.down();
      figures.smtpOutages += 1;
      note(`SMTP server down for ${seconds} s`);
      await sleepUntil(Date.now() + seconds * 1000);
      await targets.smtp.up();
      note('SMTP server up');
    }
  })();

  await Promise.all([kills, postgres, shopify, smtp, scripted]);
  await Promise.all(restarts);
  targets.simulator.faults.clear();
  note('faults over: Shopify answers normally');
  return figures;
}
