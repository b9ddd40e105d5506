// After the load window: give the app the calm a real deployment gets after an incident, quickly.
// 1. Every process is stopped (SIGTERM; SIGKILL after 15 s), so no live worker holds a claim.
// 2. Time is skipped: leases of the dead workers' claims (5 min for tasks, 2 min for a redemption issued
//    in a request) are expired, and retries waiting out their backoff (30 s … 1 h) are made due. This is
//    what waiting would do, without waiting; the claims are then taken over by the normal mechanism.
// 3. Fresh processes start; clients re-send what never got an answer; the run waits until no work is
//    left: no task queued or running, no message waiting, no credit due, no redemption in flight.
import type { Database } from '../../web/server/db/create-database';
import type { AppProcess } from './app-processes';
import type { TimelineEvent } from './fault-schedule';

export interface SettleFigures {
  stops: Array<{ name: string; ms: number; forced: boolean }>;
  expiredLeases: number;
  skippedBackoffs: number;
  quietAfterMs: number | null;
}

export interface OpenWork {
  tasks: number;
  messages: number;
  dueCredits: number;
  redemptionsInFlight: number;
}

export async function stopAll(processes: AppProcess[], timeline: TimelineEvent[]): Promise<SettleFigures['stops']> {
  const stops = await Promise.all(processes.map(async (p) => ({ name: p.name, ...(await p.stop(15_000)) })));
  for (const stop of stops) timeline.push({ at: Date.now(), what: `${stop.name} stopped by SIGTERM in ${stop.ms} ms${stop.forced ? ' (SIGKILL after 15 s)' : ''}` });
  return stops;
}

/** With every process stopped: expire all claims. With processes running: only skip backoffs. */
export async function skipTime(db: Database, options: { expireLeases: boolean }): Promise<{ expiredLeases: number; skippedBackoffs: number }> {
  const now = new Date();
  const past = new Date(now.getTime() - 1000);
  let expiredLeases = 0;
  if (options.expireLeases) {
    expiredLeases += (await db.prisma.task.updateMany({ where: { status: 'running' }, data: { lockedUntil: past } })).count;
    expiredLeases += (await db.prisma.outboxMessage.updateMany({ where: { status: 'sending' }, data: { lockedUntil: past } })).count;
  }
  const skippedBackoffs =
    (await db.prisma.task.updateMany({ where: { status: 'queued', runAt: { gt: now } }, data: { runAt: now } })).count +
    (await db.prisma.outboxMessage.updateMany({ where: { status: 'pending', runAt: { gt: now } }, data: { runAt: now } })).count;
  return { expiredLeases, skippedBackoffs };
}

export async function openWork(db: Database): Promise<OpenWork> {
  const now = new Date();
  const [tasks, messages, dueCredits, redemptionsInFlight] = await Promise.all([
    db.prisma.task.count({ where: { status: { in: ['queued', 'running'] } } }),
    db.prisma.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } }),
    db.prisma.ledgerEntry.count({ where: { status: 'pending', availableAt: { lte: now } } }),
    db.prisma.redemption.count({ where: { status: { in: ['requested', 'issuing'] } } }),
  ]);
  return { tasks, messages, dueCredits, redemptionsInFlight };
}

/** Polls until two looks in a row find no open work, skipping backoffs as it goes; null on timeout. */
export async function waitUntilQuiet(db: Database, deadline: number, onPoll?: (work: OpenWork) => void): Promise<number | null> {
  const started = Date.now();
  let quietLooks = 0;
  while (Date.now() < deadline) {
    await skipTime(db, { expireLeases: false });
    const work = await openWork(db);
    onPoll?.(work);
    quietLooks = work.tasks + work.messages + work.dueCredits + work.redemptionsInFlight === 0 ? quietLooks + 1 : 0;
    if (quietLooks >= 2) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  return null;
}
