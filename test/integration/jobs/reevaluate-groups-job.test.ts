// The scheduled re-evaluation job: registered, and safe with several job processes — a group is
// re-evaluated by one of them, the others skip it.
import { allJobs } from '../../../jobs/all-jobs';
import { reevaluateGroupsJob } from '../../../jobs/reevaluate-groups';
import { createShop } from '../../fixtures/factories';
import { createGroupMember, createRuleGroup, groupMemberIds } from '../../fixtures/group-facts';
import { createTestApp } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('reevaluate-groups job', (getDb) => {
  it('runs for every shop; two job processes at once evaluate each group once', async () => {
    const db = getDb();
    expect(allJobs).toContain(reevaluateGroupsJob);
    const testApp = createTestApp(db);
    const now = new Date('2026-06-15T10:00:00Z');
    const shops = [await createShop(db.prisma), await createShop(db.prisma)];
    const groups: Array<{ id: string }> = [];
    const members: Array<{ id: string }> = [];
    for (const shop of shops) {
      members.push(await createGroupMember(db.prisma, shop.id, { lastVisitAt: new Date('2026-01-01T00:00:00Z') }));
      groups.push(await createRuleGroup(db.prisma, shop.id, 'Lapsed', { combinator: 'and', conditions: [{ kind: 'last_visit', when: 'more_than_days_ago', days: 30 }] }));
    }
    const [first, second] = await Promise.all([reevaluateGroupsJob.run(testApp.jobContext(() => now)), reevaluateGroupsJob.run(testApp.jobContext(() => now))]);
    expect(Number(first!.groups) + Number(second!.groups)).toBeGreaterThanOrEqual(2);
    expect(Number(first!.joined) + Number(second!.joined)).toBe(2);
    for (const [i, group] of groups.entries()) expect(await groupMemberIds(db.prisma, group.id)).toEqual([members[i]!.id]);
    expect(await db.prisma.groupMembershipEvent.count({ where: { groupId: { in: groups.map((g) => g.id) } } })).toBe(2);
    // Within the claim window a further run skips what was just evaluated.
    const again = await reevaluateGroupsJob.run(testApp.jobContext(() => new Date(now.getTime() + 60_000)));
    expect(again).toMatchObject({ groups: 0 });
  });
});
