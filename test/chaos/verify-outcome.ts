// The end of the chaos run: what must hold, each checked against an independent source — the orders and
// requests the runner sent, the gift cards and store credit in the simulator, the mails the SMTP server
// received — never against the app's own idea of what it did.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { minorUnitsFromColumn } from '../../web/core/money/minor-units-column';
import type { Database } from '../../web/server/db/create-database';
import type { ShopState } from '../simulator/shop-state';
import type { AppProcess } from './app-processes';
import type { TimelineEvent } from './fault-schedule';
import type { OrderScenario } from './order-scenarios';
import type { SmtpSink } from './smtp-sink';
import type { StorefrontAndStaffTraffic } from './storefront-and-staff-traffic';

export interface Check {
  name: string;
  ok: boolean;
  figures: Record<string, unknown>;
  problems: string[];
}

const root = path.resolve(__dirname, '../..');
const sample = (problems: string[]) => problems.slice(0, 12);

export async function checkOrderPoints(db: Database, shopId: string, scenarios: OrderScenario[]): Promise<Check> {
  const entries = await db.prisma.ledgerEntry.groupBy({ by: ['orderId'], where: { shopId, orderId: { not: null }, status: { in: ['pending', 'posted'] } }, _sum: { points: true } });
  const ledger = new Map(entries.map((row) => [row.orderId!, row._sum.points ?? 0]));
  const problems: string[] = [];
  const byKind: Record<string, number> = {};
  for (const scenario of scenarios) {
    byKind[scenario.kind] = (byKind[scenario.kind] ?? 0) + 1;
    const got = ledger.get(scenario.orderGid) ?? 0;
    if (got !== scenario.expectedPoints) problems.push(`${scenario.orderGid} (${scenario.kind}): ledger ${got}, expected ${scenario.expectedPoints}`);
  }
  const expectedTotal = scenarios.reduce((sum, s) => sum + s.expectedPoints, 0);
  const ledgerTotal = scenarios.reduce((sum, s) => sum + (ledger.get(s.orderGid) ?? 0), 0);
  return { name: 'every order earned its points exactly once', ok: problems.length === 0, figures: { orders: scenarios.length, byKind, expectedPoints: expectedTotal, ledgerPoints: ledgerTotal, wrongOrders: problems.length }, problems: sample(problems) };
}

export async function checkRedemptions(db: Database, shopId: string, shop: ShopState, traffic: StorefrontAndStaffTraffic): Promise<Check> {
  const rows = await db.prisma.redemption.findMany({ where: { shopId }, select: { id: true, status: true, rewardType: true, giftCardId: true, valueMinor: true, idempotencyKey: true, memberId: true, points: true, reversalEntryId: true } });
  // A reversed redemption gave its points back: one posted entry of the same points, linked to it.
  const reversals = await db.prisma.ledgerEntry.findMany({ where: { shopId, id: { in: rows.flatMap((row) => (row.reversalEntryId ? [row.reversalEntryId] : [])) } }, select: { id: true, points: true, status: true } });
  const reversalById = new Map(reversals.map((entry) => [entry.id, entry]));
  const members = await db.prisma.member.findMany({ where: { shopId }, select: { id: true, shopifyCustomerId: true } });
  const customerOf = new Map(members.map((m) => [m.id, m.shopifyCustomerId]));
  const problems: string[] = [];
  const status: Record<string, number> = {};
  const cardsByNote = new Map<string, typeof shop.giftCards>();
  for (const card of shop.giftCards) {
    const list = cardsByNote.get(card.note ?? '') ?? [];
    list.push(card);
    cardsByNote.set(card.note ?? '', list);
  }
  const storeCreditExpected = new Map<string, number>();
  for (const row of rows) {
    status[row.status] = (status[row.status] ?? 0) + 1;
    if (row.rewardType === 'gift_card') {
      const cards = (cardsByNote.get(`loyalty-redemption:${row.id}`) ?? []).filter((card) => card.deactivatedAt === null);
      if (row.status === 'issued' && (cards.length !== 1 || `gid://shopify/GiftCard/${cards[0]!.id}` !== row.giftCardId)) {
        problems.push(`redemption ${row.id} issued with ${cards.length} active cards (recorded ${row.giftCardId})`);
      }
      if (row.status === 'reversed' && cards.length > 0) problems.push(`redemption ${row.id} reversed but ${cards.length} active card(s) exist`);
    } else if (row.status === 'issued') {
      const customer = customerOf.get(row.memberId) ?? '';
      storeCreditExpected.set(customer, (storeCreditExpected.get(customer) ?? 0) + minorUnitsFromColumn(row.valueMinor));
    }
    if (row.status !== 'issued' && row.status !== 'reversed') problems.push(`redemption ${row.id} left ${row.status}`);
    if (row.status === 'reversed') {
      const entry = row.reversalEntryId ? reversalById.get(row.reversalEntryId) : undefined;
      if (!entry || entry.status !== 'posted' || entry.points !== row.points) problems.push(`redemption ${row.id} reversed without its ${row.points} points back (entry ${row.reversalEntryId ?? 'none'})`);
    }
  }
  // Store credit has no note to find a transaction by: per customer, what Shopify credited must equal what we recorded.
  let storeCreditGiven = 0;
  for (const account of shop.storeCreditAccounts) {
    const credited = account.transactions.filter((t) => t.kind === 'credit').reduce((sum, t) => sum + t.amount, 0);
    storeCreditGiven += credited;
    const customer = `gid://shopify/Customer/${account.customerId}`;
    const expected = storeCreditExpected.get(customer) ?? 0;
    if (credited !== expected) problems.push(`store credit of ${customer}: Shopify credited ${credited}, redemptions issued ${expected}`);
  }
  // What the storefront was told: every answered key names one redemption; a refused one made none.
  const byKey = new Map(rows.map((row) => [row.idempotencyKey, row]));
  let answered = 0;
  let refused = 0;
  const refusedByStatus: Record<string, number> = {};
  let unanswered = 0;
  for (const request of traffic.redemptions) {
    const row = byKey.get(request.key);
    if (!request.outcome) unanswered += 1;
    else if (request.outcome.status >= 400) {
      refused += 1;
      refusedByStatus[request.outcome.status] = (refusedByStatus[request.outcome.status] ?? 0) + 1;
      if (row) problems.push(`redeem key ${request.key} answered ${request.outcome.status} but redemption ${row.id} exists`);
    } else {
      answered += 1;
      if (!row || row.id !== request.outcome.redemptionId) problems.push(`redeem key ${request.key} answered ${request.outcome.status} with ${request.outcome.redemptionId}, database has ${row?.id ?? 'none'}`);
    }
  }
  const cardsOfRun = shop.giftCards.filter((card) => card.note?.startsWith('loyalty-redemption:'));
  return {
    name: 'every redemption issued with exactly one card, or reversed',
    ok: problems.length === 0,
    figures: { requests: traffic.redemptions.length, answered, refused, refusedByStatus, unanswered, redemptions: rows.length, status, giftCards: cardsOfRun.length, storeCreditMinor: storeCreditGiven },
    problems: sample(problems),
  };
}

export async function checkAdjustments(db: Database, shopId: string, traffic: StorefrontAndStaffTraffic): Promise<Check> {
  const problems: string[] = [];
  const entries = await db.prisma.ledgerEntry.findMany({ where: { shopId, type: 'adjust' }, select: { idempotencyKey: true, points: true } });
  const byKey = new Map<string, number[]>();
  for (const entry of entries) byKey.set(entry.idempotencyKey, [...(byKey.get(entry.idempotencyKey) ?? []), entry.points]);
  let unanswered = 0;
  for (const request of traffic.adjustments) {
    const found = byKey.get(`adjust:${request.key}`) ?? [];
    if (!request.outcome) unanswered += 1;
    if (request.outcome && request.outcome.status < 300 && (found.length !== 1 || found[0] !== request.points)) problems.push(`adjustment ${request.key} (+${request.points}) answered ${request.outcome.status}, ledger has [${found.join(', ')}]`);
    if (request.outcome && request.outcome.status >= 400 && found.length > 0) problems.push(`adjustment ${request.key} refused (${request.outcome.status}) but posted`);
  }
  return { name: 'every staff adjustment applied exactly once', ok: problems.length === 0 && unanswered === 0, figures: { requests: traffic.adjustments.length, unanswered, attempts: traffic.adjustments.reduce((s, a) => s + a.attempts, 0) }, problems: sample(problems) };
}

/**
 * Each outbox row sent exactly once. Known window: the SMTP server accepted a message and the sender
 * could not record it (its process killed, the SMTP connection cut before the reply arrived, the
 * database restarting): after the lease the message goes again. A duplicate counts as explained when
 * one of those events happened within 5 s after the first copy arrived.
 */
export async function checkMessages(db: Database, shopId: string, smtp: SmtpSink, processes: AppProcess[], timeline: TimelineEvent[]): Promise<Check> {
  const rows = await db.prisma.outboxMessage.findMany({ where: { shopId }, select: { id: true, status: true, event: true, lastError: true } });
  const receipts = new Map<string, number[]>();
  for (const receipt of smtp.receipts) if (receipt.outboxId) receipts.set(receipt.outboxId, [...(receipts.get(receipt.outboxId) ?? []), receipt.at]);
  const windows: Array<{ at: number; what: string }> = [
    ...smtp.downAt.map((at) => ({ at, what: 'SMTP down' })),
    ...processes.filter((p) => p.kind === 'jobs').flatMap((p) => p.history.filter((h) => h.killed && h.endedAt).map((h) => ({ at: h.endedAt!, what: `kill -9 ${p.name}` }))),
    ...timeline.filter((event) => event.what.startsWith('PostgreSQL restart')).map((event) => ({ at: event.at, what: 'PostgreSQL restart' })),
  ];
  const problems: string[] = [];
  const status: Record<string, number> = {};
  const events: Record<string, number> = {};
  let duplicatesExplained = 0;
  const explainedBy: Record<string, number> = {};
  for (const row of rows) {
    status[row.status] = (status[row.status] ?? 0) + 1;
    events[row.event] = (events[row.event] ?? 0) + 1;
    const got = receipts.get(row.id) ?? [];
    if (row.status === 'sent' && got.length === 0) problems.push(`message ${row.id} (${row.event}) marked sent, never received`);
    if (row.status !== 'sent' && got.length > 0 && row.status !== 'sending') problems.push(`message ${row.id} (${row.event}) is ${row.status} but was received ${got.length}x`);
    if (row.status === 'failed') problems.push(`message ${row.id} (${row.event}) failed: ${row.lastError ?? ''}`);
    if (row.status === 'pending' || row.status === 'sending') problems.push(`message ${row.id} (${row.event}) still ${row.status}`);
    if (got.length > 1) {
      const first = got[0]!;
      const cause = windows.find((w) => w.at >= first - 1000 && w.at <= first + 5000);
      if (cause && got.length === 2) {
        duplicatesExplained += 1;
        explainedBy[cause.what.replace(/ jobs-\d$/, '')] = (explainedBy[cause.what.replace(/ jobs-\d$/, '')] ?? 0) + 1;
      } else {
        // What happened around the copies, to tell a new window from a known one.
        const t0 = timeline[0]?.at ?? 0;
        const secs = (at: number) => ((at - t0) / 1000).toFixed(1);
        const nearby = windows.filter((w) => w.at >= first - 15_000 && w.at <= got.at(-1)! + 5000).map((w) => `${w.what} at ${secs(w.at)}`);
        problems.push(`message ${row.id} (${row.event}) received ${got.length}x at ${got.map(secs).join(', ')} s, no crash or outage next to the first copy (nearby: ${nearby.join('; ') || 'none'})`);
      }
    }
  }
  const unknown = smtp.receipts.filter((r) => !r.outboxId || !rows.some((row) => row.id === r.outboxId)).length;
  if (unknown > 0) problems.push(`${unknown} mails without a known outbox row`);
  return {
    name: 'every message sent once (apart from the documented window)',
    ok: problems.length === 0,
    figures: { outboxRows: rows.length, status, events, mailsReceived: smtp.receipts.length, duplicatesInWindow: duplicatesExplained, explainedBy },
    problems: sample(problems),
  };
}

export async function checkTasks(db: Database): Promise<Check> {
  const tasks = await db.prisma.task.findMany({ select: { id: true, kind: true, status: true, attempts: true, lastError: true, reference: true } });
  const status: Record<string, number> = {};
  const problems: string[] = [];
  for (const task of tasks) {
    status[task.status] = (status[task.status] ?? 0) + 1;
    if (task.status !== 'done') problems.push(`task ${task.reference} (${task.kind}) ${task.status} after ${task.attempts} attempts: ${task.lastError ?? ''}`.slice(0, 300));
  }
  const retried = tasks.filter((t) => t.attempts > 1).length;
  return { name: 'no task stuck or failed', ok: problems.length === 0, figures: { tasks: tasks.length, status, retried }, problems: sample(problems) };
}

export async function checkBalances(databaseUrl: string): Promise<Check> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/check-balances.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, timeout: 120_000 });
    return { name: 'npm run check-balances is clean', ok: true, figures: { output: stdout.trim().split('\n').at(-1) }, problems: [] };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { name: 'npm run check-balances is clean', ok: false, figures: { exitCode: failed.code }, problems: sample(`${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim().split('\n')) };
  }
}

export async function checkWebHealth(webs: AppProcess[]): Promise<Check> {
  const problems: string[] = [];
  const answers: Record<string, unknown> = {};
  for (const web of webs) {
    const url = web.url();
    if (!url) {
      problems.push(`${web.name} is not running`);
      continue;
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
      const body = (await response.json()) as { status?: string; database?: { status?: string } };
      answers[web.name] = `${response.status} ${body.status}/${body.database?.status}`;
      if (response.status !== 200 || body.status !== 'ok') problems.push(`${web.name} /healthz answered ${response.status}`);
    } catch (error) {
      problems.push(`${web.name} /healthz: ${(error as Error).message}`);
    }
  }
  return { name: 'both web processes healthy', ok: problems.length === 0, figures: answers, problems };
}

/**
 * A process that exited without being killed or stopped by the run crashed on its own. Except one that
 * exits at start-up, before it is ready, while the run's PostgreSQL restart refuses connections (it
 * ended within 10 s of the restart): a process that cannot reach its database at boot exits 1 for its
 * supervisor to start it again, which the run does (and counts, `startsRefusedAtRestart`).
 */
export function checkNoCrashes(processes: AppProcess[], logDir: string, timeline: TimelineEvent[]): Check {
  const restarts = timeline.filter((event) => event.what.startsWith('PostgreSQL restart')).map((event) => event.at);
  const refusedAtRestart = (h: AppProcess['history'][number]) => !h.ready && restarts.some((at) => h.endedAt! >= at && h.endedAt! <= at + 10_000);
  const ended = processes.flatMap((p) => p.history.filter((h) => h.endedAt !== null && !h.killed && !h.stopped).map((h) => ({ p, h })));
  const problems = ended.filter(({ h }) => !refusedAtRestart(h)).map(({ p, h }) => `${p.name} (pid ${h.pid}) exited on its own (${h.exit}); see ${logDir}/${p.name}.log`);
  const starts = processes.reduce((sum, p) => sum + p.history.length, 0);
  return { name: 'no process died on its own', ok: problems.length === 0, figures: { processStarts: starts, startsRefusedAtRestart: ended.length - problems.length }, problems };
}

/** Every effect queued its message: a credit, an adjustment, an issued or a failed reward. */
export async function checkMessagesQueued(db: Database, shopId: string): Promise<Check> {
  const [credits, adjustments, issued, reversed, outbox] = await Promise.all([
    db.prisma.ledgerEntry.count({ where: { shopId, type: 'earn', postedAt: { not: null } } }),
    db.prisma.ledgerEntry.count({ where: { shopId, type: 'adjust' } }),
    db.prisma.redemption.count({ where: { shopId, status: 'issued' } }),
    db.prisma.redemption.count({ where: { shopId, status: 'reversed' } }),
    db.prisma.outboxMessage.groupBy({ by: ['event'], where: { shopId }, _count: { _all: true } }),
  ]);
  const rows = Object.fromEntries(outbox.map((row) => [row.event, row._count._all]));
  const expected: Record<string, number> = { points_credited: credits, balance_adjusted: adjustments, gift_card_issued: issued, reward_failed: reversed };
  const problems = Object.entries(expected).filter(([event, count]) => (rows[event] ?? 0) !== count).map(([event, count]) => `${event}: ${rows[event] ?? 0} outbox rows for ${count} effects`);
  return { name: 'every effect queued exactly one message', ok: problems.length === 0, figures: expected, problems };
}
