// Location syncs run as tasks (the Admin API call may be throttled or fail; the task retries). The
// reference makes a request idempotent: one sync per shop and day from the schedule however many job
// processes run it, and one per shop and minute from the admin's "Sync now".
import type { Prisma } from '../db-client';
import { SYNC_LOCATIONS_TASK } from '../tasks/task-kinds';
import { enqueueTask, enqueueTasks } from '../tasks/task-queue';

export async function requestLocationSync(prisma: Prisma, shopDomain: string, now = new Date()): Promise<boolean> {
  const minute = now.toISOString().slice(0, 16);
  return enqueueTask({ prisma }, { shopDomain, kind: SYNC_LOCATIONS_TASK, reference: `${SYNC_LOCATIONS_TASK}:${shopDomain}:${minute}`, payload: { shopDomain } }, now);
}

/** Queues today's sync for every installed shop; returns how many were new. */
export async function requestDailyLocationSyncs(prisma: Prisma, now = new Date()): Promise<number> {
  const day = now.toISOString().slice(0, 10);
  const shops = await prisma.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
  return enqueueTasks({ prisma }, shops.map(({ domain }) => ({ shopDomain: domain, kind: SYNC_LOCATIONS_TASK, reference: `${SYNC_LOCATIONS_TASK}:${domain}:${day}`, payload: { shopDomain: domain } })), now);
}
