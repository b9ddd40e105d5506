// Saving an automatic group queues a "reevaluate-groups" task; the job process runs it by calling the
// groups engine's reevaluateGroups for that shop at the job's clock.
import type { JobContext } from '../../../web/runtime/job';

jest.mock('../../../web/core/groups/reevaluate-groups', () => ({ reevaluateGroups: jest.fn(async () => ({ evaluated: 3 })) }));

import { reevaluateGroups } from '../../../web/core/groups/reevaluate-groups';
import { taskHandlers } from '../../../web/runtime/task-handlers';
import { REEVALUATE_GROUPS_TASK, taskPolicy } from '../../../web/core/tasks/task-kinds';

describe('the reevaluate-groups task', () => {
  it('calls reevaluateGroups for the shop in its payload, at the job clock', async () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const db = { kind: 'sqlite' };
    const info = jest.fn();
    const context = { runtime: { db, logger: { info } }, now: () => now } as unknown as JobContext;
    await taskHandlers[REEVALUATE_GROUPS_TASK].run(context, { shopId: 'shop-1' });
    expect(reevaluateGroups).toHaveBeenCalledWith(db, { shopId: 'shop-1', now, trigger: 'group_saved' });
    expect(info).toHaveBeenCalledWith({ shopId: 'shop-1', summary: { evaluated: 3 } }, 'groups re-evaluated');
  });

  it('is retried a few times with backoff', () => {
    expect(taskPolicy(REEVALUATE_GROUPS_TASK)).toMatchObject({ maxAttempts: 6 });
    expect(taskPolicy(REEVALUATE_GROUPS_TASK).backoffMs(1)).toBe(30_000);
  });
});
