// Every kind of task in the durable task table, with how it is retried and how urgent it is. The job
// process maps each kind to its handler (web/runtime/task-handlers.ts, typed against this list so that a kind
// without a handler does not compile); enqueuers write the policy into the row, so a task keeps the
// policy it was queued with.
import { REFRESH_MEMBER_GROUPS_TASK, SYNC_GROUP_DISCOUNT_TASK, SYNC_MEMBER_TAGS_TASK } from '../groups/group-task-kinds';
import { ISSUE_REWARD_TASK } from '../redemption/redemption-types';

export const PROCESS_WEBHOOK_TASK = 'process-webhook';
export const SYNC_CATALOG_TASK = 'sync-catalog';
export const REEVALUATE_GROUPS_TASK = 'reevaluate-groups';
export const PROCESS_BOOKING_EVENT_TASK = 'process-booking-event';
export const SYNC_LOCATIONS_TASK = 'sync-locations';
export const RUN_IMPORT_TASK = 'run-import';

export interface TaskKindPolicy {
  /** attempts before the task ends as `failed` (kept, listed, retryable by staff) */
  maxAttempts: number;
  /** higher is claimed first within a shop, and across shops in one claim */
  priority: number;
  /** wait before attempt `attempts + 1`, after `attempts` failed */
  backoffMs(attempts: number): number;
  /**
   * Done tasks of this kind are deleted this long after they finished (prune-finished-tasks job). Only for
   * kinds whose reference is fresh per enqueue: where the reference is an effect's idempotency key (a
   * webhook delivery, a reward to issue), the done row is what refuses a second enqueue, so it stays.
   */
  pruneDoneAfterMs?: number;
}

const DAY_MS = 86_400_000;

/** 30 s, 1 min, 2 min … capped at 1 h: eight attempts span about two hours. */
export function exponentialBackoff(firstMs: number, capMs: number): (attempts: number) => number {
  return (attempts) => Math.min(capMs, firstMs * 2 ** Math.max(0, attempts - 1));
}

export const taskKinds = {
  // A customer is waiting for the gift card they just paid points for.
  [ISSUE_REWARD_TASK]: { maxAttempts: 6, priority: 100, backoffMs: exponentialBackoff(30_000, 60 * 60_000) },
  // Orders, refunds, customers, compliance: points should appear within seconds, but a sale-day burst may queue.
  [PROCESS_WEBHOOK_TASK]: { maxAttempts: 8, priority: 50, backoffMs: exponentialBackoff(30_000, 60 * 60_000) },
  // Booking-system events (web/core/bookings): like webhooks, a booking's points should follow within seconds.
  [PROCESS_BOOKING_EVENT_TASK]: { maxAttempts: 8, priority: 50, backoffMs: exponentialBackoff(30_000, 60 * 60_000) },
  // A member's groups and tier after an order, refund, credit or consent: a tier-up should show within
  // seconds, but after the events themselves (below webhooks), so a burst's refreshes merge into few runs.
  [REFRESH_MEMBER_GROUPS_TASK]: { maxAttempts: 8, priority: 40, backoffMs: exponentialBackoff(15_000, 30 * 60_000), pruneDoneAfterMs: DAY_MS },
  // Background refresh of the product catalogue after install.
  [SYNC_CATALOG_TASK]: { maxAttempts: 8, priority: 0, backoffMs: exponentialBackoff(30_000, 60 * 60_000) },
  // Staff saved an automatic group or a tier: its members should follow within a minute, not at the nightly run.
  [REEVALUATE_GROUPS_TASK]: { maxAttempts: 6, priority: 20, backoffMs: exponentialBackoff(30_000, 30 * 60_000), pruneDoneAfterMs: 7 * DAY_MS },
  // Location names after install, daily, and when staff ask for it.
  [SYNC_LOCATIONS_TASK]: { maxAttempts: 8, priority: 0, backoffMs: exponentialBackoff(30_000, 60 * 60_000) },
  // Onboarding imports (customers, past orders, balances): long, resumable from their checkpoint.
  [RUN_IMPORT_TASK]: { maxAttempts: 10, priority: 0, backoffMs: exponentialBackoff(15_000, 30 * 60_000) },
  // A group's segment and discount: staff just saved the group and check its status.
  [SYNC_GROUP_DISCOUNT_TASK]: { maxAttempts: 8, priority: 20, backoffMs: exponentialBackoff(15_000, 30 * 60_000) },
  // Members' Shopify tags (their group discount at checkout); a member who just joined should get it soon.
  [SYNC_MEMBER_TAGS_TASK]: { maxAttempts: 10, priority: 10, backoffMs: exponentialBackoff(15_000, 30 * 60_000), pruneDoneAfterMs: 7 * DAY_MS },
} as const satisfies Record<string, TaskKindPolicy>;

export type TaskKind = keyof typeof taskKinds;

export function isTaskKind(kind: string): kind is TaskKind {
  return Object.hasOwn(taskKinds, kind);
}

export function taskPolicy(kind: string): TaskKindPolicy {
  if (!isTaskKind(kind)) throw new Error(`unknown task kind ${kind}`);
  return taskKinds[kind];
}
