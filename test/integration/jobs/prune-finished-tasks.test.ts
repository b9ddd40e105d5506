// Done tasks of kinds whose reference is fresh per enqueue are deleted after their kind's keep time;
// everything else (queued, running, failed, and done tasks whose row is an idempotency key) stays.
import { allJobs } from '../../../jobs/all-jobs';
import { pruneFinishedTasksJob } from '../../../jobs/prune-finished-tasks';
import { pruneFinishedTasks } from '../../../web/core/tasks/prune-finished-tasks';
import { createTestApp } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('prune-finished-tasks job', (getDb) => {
  const now = new Date('2026-06-15T10:00:00Z');
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);

  it('deletes old done tasks of prunable kinds only, in chunks, and is registered', async () => {
    const db = getDb();
    expect(allJobs).toContain(pruneFinishedTasksJob);
    const shopDomain = `prune-${Date.now()}.myshopify.com`;
    let n = 0;
    const task = (kind: string, status: string, finishedDaysAgo: number) => db.prisma.task.create({
      data: { shopDomain, kind, status, reference: `${shopDomain}:${(n += 1)}`, runAt: ago(finishedDaysAgo + 0.01), updatedAt: ago(finishedDaysAgo), createdAt: ago(finishedDaysAgo + 0.01) },
    });
    const gone = [
      await task('refresh-member-groups', 'done', 2),
      await task('sync-member-tags', 'done', 8),
      await task('reevaluate-groups', 'done', 30),
    ];
    const kept = [
      await task('refresh-member-groups', 'done', 0.5), // not old enough (1 day)
      await task('sync-member-tags', 'done', 3), // not old enough (7 days)
      await task('refresh-member-groups', 'queued', 5),
      await task('refresh-member-groups', 'failed', 5), // staff may retry it
      await task('process-webhook', 'done', 90), // its reference refuses a redelivered webhook
      await task('issue-reward', 'done', 90),
      await task('sync-group-discount', 'done', 90),
    ];
    const result = await pruneFinishedTasksJob.run(createTestApp(db).jobContext(() => now));
    expect(result).toEqual({ deleted: gone.length });
    const left = await db.prisma.task.findMany({ where: { shopDomain }, select: { id: true } });
    expect(left.map((row) => row.id).sort()).toEqual(kept.map((row) => row.id).sort());
  });

  it('goes on past a full chunk until nothing old is left', async () => {
    const db = getDb();
    const shopDomain = `prune-many-${Date.now()}.myshopify.com`;
    const rows = Array.from({ length: 5_300 }, (_, i) => ({ shopDomain, kind: 'refresh-member-groups', status: 'done', reference: `${shopDomain}:${i}`, runAt: ago(3), updatedAt: ago(3) }));
    for (let i = 0; i < rows.length; i += 1000) await db.prisma.task.createMany({ data: rows.slice(i, i + 1000) });
    expect(await pruneFinishedTasks(db, { now })).toEqual({ deleted: 5_300 });
    expect(await db.prisma.task.count({ where: { shopDomain } })).toBe(0);
  });
});
