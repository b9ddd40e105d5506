// Done tasks would otherwise stay forever (an order in a shop with groups leaves two). Kinds that say
// so in their policy (pruneDoneAfterMs, task-kinds.ts) lose their done rows after that long, a chunk
// per statement so no statement holds many row locks; kinds whose done row is an idempotency key keep it.
import type { Db } from '../db-client';
import { sqlClientOf } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import { taskKinds, taskPolicy } from './task-kinds';

const ROWS_PER_STATEMENT = 5_000;

export async function pruneFinishedTasks(db: Db, options: { now: Date; shouldStop?: () => boolean }): Promise<{ deleted: number }> {
  const client = sqlClientOf(db);
  let deleted = 0;
  for (const kind of Object.keys(taskKinds)) {
    const keepFor = taskPolicy(kind).pruneDoneAfterMs;
    if (keepFor === undefined) continue;
    const before = new Date(options.now.getTime() - keepFor);
    for (;;) {
      if (options.shouldStop?.()) return { deleted };
      // runAt bounds the scan on the (status, runAt) index; updatedAt is when the task finished.
      const removed = await client.execute(sql`
        DELETE FROM "Task" WHERE "id" IN (
          SELECT "id" FROM "Task" WHERE "status" = 'done' AND "runAt" < ${before} AND "kind" = ${kind} AND "updatedAt" < ${before}
          LIMIT ${ROWS_PER_STATEMENT})`);
      deleted += removed;
      if (removed < ROWS_PER_STATEMENT) break;
    }
  }
  return { deleted };
}
