// The shop's groups as choices for staff pickers (e.g. which groups a reward is for), and the check
// that ids sent by staff name groups of their own shop.
import type { RewardGroupOption } from '../../contracts/admin-api';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../db-client';

export async function listGroupOptions(prisma: Prisma, shopId: string): Promise<RewardGroupOption[]> {
  const groups = await prisma.customerGroup.findMany({
    where: { shopId, archivedAt: null },
    orderBy: [{ tierRank: 'asc' }, { name: 'asc' }],
    select: { id: true, name: true, tierRank: true },
  });
  return groups.map((group) => ({ id: group.id, name: group.name, tierRank: group.tierRank }));
}

/** Refuses (VALIDATION, nothing changed) ids that are not unarchived groups of this shop. */
export async function assertGroupsOfShop(prisma: Prisma, shopId: string, groupIds: readonly string[] | undefined): Promise<void> {
  if (!groupIds || groupIds.length === 0) return;
  const found = await prisma.customerGroup.count({ where: { shopId, archivedAt: null, id: { in: [...new Set(groupIds)] } } });
  if (found !== new Set(groupIds).size) throw new AppError('VALIDATION', 'A reward can only be limited to existing customer groups of this shop.', { field: 'visibleToGroups' });
}
