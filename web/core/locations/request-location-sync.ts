// Location syncs run as tasks (the Admin API call may be throttled or fail; the task retries). The
// reference makes the schedule idempotent: one sync per shop and day however many job processes run
// it. "Sync now" queues a sync unless one is still waiting to run (repeated clicks add nothing).
import type { Prisma } from '../db-client';
import { SYNC_LOCATIONS_TASK } from '../tasks/task-kinds';
import { enqueueTask, enqueueTasks } from '../tasks/task-queue';

export async function requestLocationSync(prisma: Prisma, shopDomain: string, now = new Date()): Promise<boolean> {
  const waiting = await prisma.task.count({ where: { shopDomain, kind: SYNC_LOCATIONS_TASK, status: 'queued' } });
  if (waiting > 0) return false;
  return enqueueTask({ prisma }, { shopDomain, kind: SYNC_LOCATIONS_TASK, reference: `${SYNC_LOCATIONS_TASK}:${shopDomain}:${now.toISOString()}`, payload: { shopDomain } }, now);
}

/** Queues today's sync for every installed shop; returns how many were new. */
export async function requestDailyLocationSyncs(prisma: Prisma, now = new Date()): Promise<number> {
  const day = now.toISOString().slice(0, 10);
  const shops = await prisma.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
  return enqueueTasks({ prisma }, shops.map(({ domain }) => ({ shopDomain: domain, kind: SYNC_LOCATIONS_TASK, reference: `${SYNC_LOCATIONS_TASK}:${domain}:${day}`, payload: { shopDomain: domain } })), now);
}
