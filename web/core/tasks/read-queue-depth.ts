// Back-pressure made visible: how much work waits in the task table, per kind and per shop, and how
// long the oldest due task has waited (the number that says "points are late").
import type { Db } from '../db-client';
import { sqlClientOf } from '../sql/sql-client';
import { sql, toDateOrNull } from '../sql/sql-query';

export interface QueueDepth {
  shopDomain: string;
  kind: string;
  /** queued and due now */
  due: number;
  /** queued for later (a retry's backoff) */
  scheduled: number;
  running: number;
  /** ran out of attempts or could never run: waits for staff */
  failed: number;
  /** seconds the oldest due task has waited past its run time (0 when none is due) */
  oldestDueAgeSeconds: number;
}

export async function readQueueDepth(db: Db, options: { shopDomain?: string; now?: Date } = {}): Promise<QueueDepth[]> {
  const now = options.now ?? new Date();
  const shop = options.shopDomain === undefined ? sql`` : sql` AND "shopDomain" = ${options.shopDomain}`;
  const rows = await sqlClientOf(db).query<Record<string, unknown>>(sql`
    SELECT "shopDomain", "kind",
      SUM(CASE WHEN "status" = 'queued' AND "runAt" <= ${now} THEN 1 ELSE 0 END) AS "due",
      SUM(CASE WHEN "status" = 'queued' AND "runAt" > ${now} THEN 1 ELSE 0 END) AS "scheduled",
      SUM(CASE WHEN "status" = 'running' THEN 1 ELSE 0 END) AS "running",
      SUM(CASE WHEN "status" = 'failed' THEN 1 ELSE 0 END) AS "failed",
      MIN(CASE WHEN "status" = 'queued' AND "runAt" <= ${now} THEN "runAt" END) AS "oldestDue"
    FROM "Task" WHERE "status" IN ('queued', 'running', 'failed')${shop}
    GROUP BY "shopDomain", "kind"
    ORDER BY "shopDomain", "kind"`);
  return rows.map((row) => {
    const oldestDue = toDateOrNull(row.oldestDue);
    return {
      shopDomain: String(row.shopDomain),
      kind: String(row.kind),
      due: Number(row.due),
      scheduled: Number(row.scheduled),
      running: Number(row.running),
      failed: Number(row.failed),
      oldestDueAgeSeconds: oldestDue ? Math.max(0, (now.getTime() - oldestDue.getTime()) / 1000) : 0,
    };
  });
}

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** The Prometheus text exposition of the queue (GET /metrics). */
export function queueDepthMetrics(depths: QueueDepth[]): string {
  const lines = [
    '# HELP loyalty_tasks Tasks in the durable task table by shop, kind and state.',
    '# TYPE loyalty_tasks gauge',
  ];
  for (const d of depths) {
    const labels = `shop="${escapeLabel(d.shopDomain)}",kind="${escapeLabel(d.kind)}"`;
    for (const state of ['due', 'scheduled', 'running', 'failed'] as const) lines.push(`loyalty_tasks{${labels},state="${state}"} ${d[state]}`);
  }
  lines.push(
    '# HELP loyalty_task_oldest_due_age_seconds How long the oldest due task has waited past its run time.',
    '# TYPE loyalty_task_oldest_due_age_seconds gauge',
  );
  for (const d of depths) lines.push(`loyalty_task_oldest_due_age_seconds{shop="${escapeLabel(d.shopDomain)}",kind="${escapeLabel(d.kind)}"} ${d.oldestDueAgeSeconds.toFixed(3)}`);
  return `${lines.join('\n')}\n`;
}

/** Per kind over all shops, for /healthz. */
export function queueDepthByKind(depths: QueueDepth[]): Record<string, Omit<QueueDepth, 'shopDomain' | 'kind'>> {
  const byKind: Record<string, Omit<QueueDepth, 'shopDomain' | 'kind'>> = {};
  for (const { shopDomain: _shop, kind, ...d } of depths) {
    const total = (byKind[kind] ??= { due: 0, scheduled: 0, running: 0, failed: 0, oldestDueAgeSeconds: 0 });
    total.due += d.due;
    total.scheduled += d.scheduled;
    total.running += d.running;
    total.failed += d.failed;
    total.oldestDueAgeSeconds = Math.max(total.oldestDueAgeSeconds, d.oldestDueAgeSeconds);
  }
  return byKind;
}
