// Staff view of redemptions: status, masked code, who asked. Codes are never shown to staff.
import type { Db } from '../db-client';
import { redemptionFromRow } from './redemption-rows';
import type { Page, Redemption } from '../../contracts/admin-api';
import { redemptionView, type RedemptionStatus } from './redemption-types';

export async function listRedemptions(
  db: Db,
  shopId: string,
  filter: { status?: RedemptionStatus; memberId?: string; limit: number; before?: string },
): Promise<Page<Redemption>> {
  const rows = await db.prisma.redemption.findMany({
    where: { shopId, ...(filter.status ? { status: filter.status } : {}), ...(filter.memberId ? { memberId: filter.memberId } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: filter.limit + 1,
    ...(filter.before ? { cursor: { id: filter.before }, skip: 1 } : {}),
  });
  const page = rows.slice(0, filter.limit);
  const members = await db.prisma.member.findMany({ where: { id: { in: [...new Set(page.map((row) => row.memberId))] } }, select: { id: true, shopifyCustomerId: true } });
  const customerOf = new Map(members.map((member) => [member.id, member.shopifyCustomerId]));
  return {
    items: page.map((row) => ({ ...redemptionView(redemptionFromRow(row)), memberId: row.memberId, customerId: customerOf.get(row.memberId) ?? null })),
    nextCursor: rows.length > filter.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
