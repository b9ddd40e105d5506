// A database error while one task's outcome is written (PostgreSQL restarting) breaks off the claimed
// batch: the tasks it had not recorded are given back to the queue at once, not left `running` until
// their 5-minute lease runs out.
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { ISSUE_REWARD_TASK } from '../../../web/core/redemption/redemption-types';
import { sqlClientOf, type SqlClient } from '../../../web/core/sql/sql-client';
import type { SqlQuery } from '../../../web/core/sql/sql-query';
import { enqueueTask } from '../../../web/core/tasks/task-queue';
import { createShop } from '../../fixtures/factories';
import { createTestApp } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

/** The database's raw-SQL client, except that the first `failures` writes of this task's status fail as an unreachable server does. */
function failingWritesOf(client: SqlClient, taskId: string, failures: number): SqlClient {
  let left = failures;
  const failing = (query: SqlQuery) => left > 0 && query.strings.join('?').includes('UPDATE "Task" SET "status"') && query.values.includes(taskId);
  return {
    ...client,
    execute: async (query) => {
      if (failing(query)) {
        left -= 1;
        throw new Error("Can't reach database server");
      }
      return client.execute(query);
    },
  };
}

describeEachDatabase('a task batch broken off by a database error', (getDb) => {
  it('gives the unrecorded tasks of the batch back at once', async () => {
    const db = getDb();
    const testApp = createTestApp(db);
    const shop = await createShop(db.prisma);
    const ids = ['broken-batch-1', 'broken-batch-2', 'broken-batch-3'].map((id) => `${id}-${shop.domain}`);
    const start = Date.now() - 60_000;
    // Redemptions that do not exist: each task fails at once and its failure is recorded (or, for the first, is not).
    for (const [index, id] of ids.entries()) {
      await enqueueTask(db, { id, shopDomain: shop.domain, kind: ISSUE_REWARD_TASK, reference: id, payload: { redemptionId: `missing-${id}` }, runAt: new Date(start + index * 1000) });
    }
    const context = testApp.jobContext();
    // Recording the first task's outcome fails both ways (done, then failed).
    const faulty = { ...context, runtime: { ...context.runtime, db: { ...context.runtime.db, sql: failingWritesOf(sqlClientOf(context.runtime.db), ids[0]!, 2) } } };

    await expect(processDueTasks(faulty, { batchSize: 3, claimers: 1 })).rejects.toThrow("Can't reach database server");

    const tasks = await db.prisma.task.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
    expect(tasks.map((task) => [task.status, task.lockedBy, task.lockedUntil])).toEqual(ids.map(() => ['queued', null, null]));
    // The next claim takes them again.
    const counts = await processDueTasks(testApp.jobContext(), { batchSize: 3, claimers: 1 });
    expect(counts.done + counts.retry + counts.failed).toBe(3);
  });
});
