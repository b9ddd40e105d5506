// What a signed-in customer may read about their own points: balance, pending points with their
// dates, history, rewards they can afford, their redemptions (masked) and, for a card of their own,
// the code. Every function takes the member explicitly; the caller proved who the customer is.
import { AppError } from '../errors/app-error';
import type { Db } from '../db-client';
import { sqlClientOf } from '../sql/sql-client';
import { sql, toDate } from '../sql/sql-query';
import type { BalanceView, HistoryPage, RedemptionView, RewardView } from '../../contracts/storefront-api';
import { readMemberExpiry } from '../expiry/read-member-expiry';
import { isRewardVisibleTo, readMemberGroupIds } from '../groups/reward-visibility';
import { listRewards } from './reward-store';
import { redemptionFromRow } from './redemption-rows';
import { redemptionView, type CodeBox, type RedemptionRow } from './redemption-types';

export interface MemberRef {
  id: string;
  balance: number;
  pendingPoints: number;
}

/** Every signed storefront request starts here, so raw SQL (see sql/sql-client.ts). */
export async function findMemberByCustomer(db: Db, shopId: string, customerGid: string): Promise<MemberRef | null> {
  const [row] = await sqlClientOf(db).query<{ id: string; balance: unknown; pendingPoints: unknown }>(sql`
    SELECT "id", "balance", "pendingPoints" FROM "Member" WHERE "shopId" = ${shopId} AND "shopifyCustomerId" = ${customerGid}`);
  return row ? { id: row.id, balance: Number(row.balance), pendingPoints: Number(row.pendingPoints) } : null;
}

export async function readBalance(db: Db, shopId: string, member: MemberRef | null): Promise<BalanceView> {
  if (!member) return { balance: 0, pendingPoints: 0, pending: [] };
  const pending = await db.prisma.ledgerEntry.findMany({
    where: { shopId, memberId: member.id, status: 'pending' },
    orderBy: [{ availableAt: 'asc' }],
    take: 50,
    select: { points: true, description: true, availableAt: true },
  });
  const expiring = await readMemberExpiry(db.prisma, shopId, member.id);
  return {
    balance: member.balance,
    pendingPoints: member.pendingPoints,
    // availableAt null: credited when the product ships (date not known yet).
    pending: pending.map((entry) => ({ points: entry.points, description: entry.description, availableAt: entry.availableAt?.toISOString() ?? null })),
    ...(expiring ? { expiring: { points: expiring.points, on: `${expiring.expiresOn}T12:00:00Z` } } : {}),
  };
}

/**
 * The storefront's hottest read (every page view with the widget), so one round trip: the member
 * and their pending entries in a single query. Null when the customer is no member of this shop.
 * `status || ''` keeps SQLite off the (status, availableAt) index, which would scan every pending
 * entry of every shop; the member's own entries come from (shopId, memberId, createdAt).
 */
export async function readBalanceOfCustomer(db: Db, shopId: string, customerGid: string): Promise<BalanceView | null> {
  const rows = await sqlClientOf(db).query<{ memberId: string; expiryOn: boolean | number | null; balance: number | bigint; pendingPoints: number | bigint; points: number | bigint | null; description: string | null; availableAt: Date | string | number | null }>(sql`
    SELECT m."id" AS "memberId", x."enabled" AS "expiryOn", m."balance" AS "balance", m."pendingPoints" AS "pendingPoints", e."points" AS "points", e."description" AS "description", e."availableAt" AS "availableAt"
    FROM "Member" m
    LEFT JOIN "PointsExpirySettings" x ON x."shopId" = m."shopId"
    LEFT JOIN "LedgerEntry" e ON e."shopId" = m."shopId" AND e."memberId" = m."id" AND (e."status" || '') = 'pending'
    WHERE m."shopId" = ${shopId} AND m."shopifyCustomerId" = ${customerGid}
    ORDER BY e."availableAt"
    LIMIT 50`);
  const first = rows[0];
  if (!first) return null;
  // Expiry is off in most shops: only then does the hot path pay for the member's last activity.
  const expiring = first.expiryOn && Number(first.balance) > 0 ? await readMemberExpiry(db.prisma, shopId, first.memberId) : null;
  return {
    ...(expiring ? { expiring: { points: expiring.points, on: `${expiring.expiresOn}T12:00:00Z` } } : {}),
    balance: Number(first.balance),
    pendingPoints: Number(first.pendingPoints),
    pending: rows
      .filter((row) => row.points !== null)
      .map((row) => ({ points: Number(row.points), description: row.description ?? '', availableAt: row.availableAt === null ? null : toDate(row.availableAt).toISOString() })),
  };
}

export async function readHistory(db: Db, shopId: string, memberId: string, page: { limit: number; before?: string }): Promise<HistoryPage> {
  const rows = await db.prisma.ledgerEntry.findMany({
    where: { shopId, memberId, status: { not: 'voided' } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    ...(page.before ? { cursor: { id: page.before }, skip: 1 } : {}),
    select: { id: true, type: true, status: true, points: true, description: true, createdAt: true, postedAt: true, availableAt: true },
  });
  const items = rows.slice(0, page.limit).map((entry) => ({
    id: entry.id,
    type: entry.type,
    status: entry.status,
    points: entry.points,
    description: entry.description,
    createdAt: entry.createdAt.toISOString(),
    postedAt: entry.postedAt?.toISOString() ?? null,
    availableAt: entry.availableAt?.toISOString() ?? null,
  }));
  return { items, nextCursor: rows.length > page.limit ? (items[items.length - 1]?.id ?? null) : null };
}

export async function rewardsForCustomer(db: Db, shopId: string, member: MemberRef | null): Promise<RewardView[]> {
  const rewards = await listRewards(db, shopId, { enabledOnly: true });
  const balance = member?.balance ?? 0;
  // visibleToGroups: [] = everyone; otherwise members of one of those groups (guests: nobody).
  const limited = rewards.some((reward) => reward.visibleToGroups.length > 0);
  const groups = limited && member ? await readMemberGroupIds(sqlClientOf(db), shopId, member.id) : new Set<string>();
  return rewards
    .filter((reward) => isRewardVisibleTo(reward.visibleToGroups, groups))
    .map((reward) => ({ ...reward, canAfford: balance >= reward.pointsCost, inStock: reward.stockRemaining === null || reward.stockRemaining > 0 }));
}

export async function listMemberRedemptions(db: Db, shopId: string, memberId: string, limit = 50): Promise<RedemptionView[]> {
  const rows = await db.prisma.redemption.findMany({ where: { shopId, memberId }, orderBy: [{ createdAt: 'desc' }], take: limit });
  return rows.map((row) => redemptionView(redemptionFromRow(row)));
}

/** The full code of an issued card, for the member who owns it and nobody else. */
export async function revealGiftCardCode(db: Db, codeBox: CodeBox, shopId: string, memberId: string, redemptionId: string): Promise<string> {
  const row = await db.prisma.redemption.findFirst({ where: { id: redemptionId, shopId, memberId } });
  if (!row) throw new AppError('NOT_FOUND', 'This gift card was not found.');
  if (row.status !== 'issued' || row.rewardType !== 'gift_card') throw new AppError('CONFLICT', 'This gift card has not been issued.');
  if (!row.codeEncrypted) throw new AppError('CONFLICT', 'The code of this gift card cannot be shown; please contact the shop.');
  return codeBox.decrypt(row.codeEncrypted);
}

export async function getMemberRedemption(db: Db, shopId: string, memberId: string, redemptionId: string): Promise<RedemptionRow> {
  const row = await db.prisma.redemption.findFirst({ where: { id: redemptionId, shopId, memberId } });
  if (!row) throw new AppError('NOT_FOUND', 'This redemption was not found.');
  return redemptionFromRow(row);
}
