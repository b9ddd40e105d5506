// A member's groups for the member page: the groups they are in now, their tier (the ranked group they
// are in, at most one) and the newest of their membership history.
import type { MemberGroupView, MemberGroupsResponse } from '../../contracts/groups-api';
import type { Prisma } from '../db-client';
import { notFound } from '../errors/app-error';

const HISTORY_ROWS = 100;

export async function getMemberGroups(prisma: Prisma, shopId: string, memberId: string): Promise<MemberGroupsResponse> {
  const member = await prisma.member.findFirst({ where: { id: memberId, shopId }, select: { id: true } });
  if (!member) throw notFound('This member');
  const [memberships, events] = await Promise.all([
    prisma.groupMember.findMany({ where: { shopId, memberId } }),
    prisma.groupMembershipEvent.findMany({ where: { shopId, memberId }, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], take: HISTORY_ROWS }),
  ]);
  const groupIds = [...new Set([...memberships.map((row) => row.groupId), ...events.map((row) => row.groupId)])];
  const groups = new Map((await prisma.customerGroup.findMany({ where: { shopId, id: { in: groupIds } } })).map((group) => [group.id, group]));
  const current: MemberGroupView[] = memberships.flatMap((row) => {
    const group = groups.get(row.groupId);
    if (!group || group.archivedAt) return [];
    return [{
      groupId: group.id, name: group.name, colour: group.colour, kind: group.kind as MemberGroupView['kind'], source: row.source,
      joinedAt: row.joinedAt.toISOString(), keepUntil: row.keepUntil?.toISOString() ?? null, tierRank: group.tierRank,
    }];
  });
  current.sort((a, b) => (b.tierRank ?? 0) - (a.tierRank ?? 0) || a.name.localeCompare(b.name));
  const tiers = current.filter((group) => group.tierRank !== null);
  return {
    groups: current,
    tier: tiers[0] ?? null,
    history: events.map((event) => ({
      id: event.id, groupId: event.groupId, groupName: groups.get(event.groupId)?.name ?? '', change: event.change,
      reason: event.reason, detail: event.detail, occurredAt: event.occurredAt.toISOString(),
    })),
  };
}
