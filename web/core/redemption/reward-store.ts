// The shop's rewards: what a number of points buys. Validated here (cost > 0, value within the
// shop's gift-card issue limit, which the caller reads from Shopify); archived, never deleted, so
// redemptions keep pointing at a row.
import { z } from 'zod';
import type { Reward, RewardInput as RewardBody } from '../../contracts/admin-api';
import { AppError } from '../errors/app-error';
import type { Db } from '../db-client';
import { minorUnitsFromColumn, normalizeCurrencyCode } from '../money';

const rewardFields = {
  title: z.string().trim().min(1).max(120),
  type: z.enum(['gift_card', 'store_credit']),
  valueMinor: z.number().int().positive().max(100_000_000),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  pointsCost: z.number().int().positive('must be greater than 0').max(100_000_000),
  enabled: z.boolean(),
  stockLimit: z.number().int().min(0).max(10_000_000).nullable(),
  expiresAfterDays: z.number().int().min(1).max(3650).nullable(),
  perCustomerLimit: z.number().int().min(1).max(10_000).nullable(),
  visibleToGroups: z.array(z.string().min(1).max(100)).max(50),
};

export const rewardInputSchema = z
  .object({
    ...rewardFields,
    type: rewardFields.type.default('gift_card'),
    enabled: rewardFields.enabled.default(true),
    stockLimit: rewardFields.stockLimit.default(null),
    expiresAfterDays: rewardFields.expiresAfterDays.default(null),
    perCustomerLimit: rewardFields.perCustomerLimit.default(null),
    visibleToGroups: rewardFields.visibleToGroups.default([]),
  })
  .strict() satisfies z.ZodType<RewardBody>;

/** A change names only what changes: no defaults here, or a partial PATCH would reset the rest. */
export const rewardPatchSchema = z.object(rewardFields).partial().strict();

export type RewardInput = z.infer<typeof rewardInputSchema>;
export type RewardPatch = z.infer<typeof rewardPatchSchema>;

/** The most one gift card may be worth, in minor units of the shop currency (from Shopify). */
export interface IssueLimit {
  amountMinor: number;
  currency: string;
}

type RewardRow = Awaited<ReturnType<Db['prisma']['giftCardReward']['findFirstOrThrow']>>;

export function rewardView(row: RewardRow): Reward {
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    value: { amountMinor: minorUnitsFromColumn(row.valueMinor), currency: row.currency },
    pointsCost: row.pointsCost,
    enabled: row.enabled,
    stockLimit: row.stockLimit,
    issuedCount: row.issuedCount,
    stockRemaining: row.stockLimit === null ? null : Math.max(0, row.stockLimit - row.issuedCount),
    expiresAfterDays: row.expiresAfterDays,
    perCustomerLimit: row.perCustomerLimit,
    visibleToGroups: JSON.parse(row.visibleToGroups) as string[],
  };
}

export function assertRewardValue(input: { type: string; valueMinor: number; currency: string }, shopCurrency: string, limit: IssueLimit | null): void {
  if (normalizeCurrencyCode(input.currency) !== normalizeCurrencyCode(shopCurrency)) {
    throw new AppError('VALIDATION', `currency: rewards are issued in the shop currency (${shopCurrency}).`);
  }
  if (input.type === 'gift_card' && limit && input.valueMinor > limit.amountMinor) {
    throw new AppError('VALIDATION', "valueMinor: exceeds the shop's gift card issue limit.", { issueLimitMinor: limit.amountMinor, currency: limit.currency });
  }
}

export async function listRewards(db: Db, shopId: string, options: { enabledOnly?: boolean } = {}): Promise<Reward[]> {
  const rows = await db.prisma.giftCardReward.findMany({
    where: { shopId, archivedAt: null, ...(options.enabledOnly ? { enabled: true } : {}) },
    orderBy: [{ pointsCost: 'asc' }, { createdAt: 'asc' }],
  });
  return rows.map(rewardView);
}

export async function createReward(db: Db, shopId: string, input: RewardInput, shopCurrency: string, limit: IssueLimit | null): Promise<Reward> {
  assertRewardValue(input, shopCurrency, limit);
  const row = await db.prisma.giftCardReward.create({
    data: { ...input, shopId, currency: normalizeCurrencyCode(input.currency), visibleToGroups: JSON.stringify(input.visibleToGroups) },
  });
  return rewardView(row);
}

export async function updateReward(db: Db, shopId: string, rewardId: string, patch: RewardPatch, shopCurrency: string, limit: IssueLimit | null): Promise<Reward> {
  const current = await db.prisma.giftCardReward.findFirst({ where: { id: rewardId, shopId, archivedAt: null } });
  if (!current) throw new AppError('NOT_FOUND', 'This reward was not found.');
  const merged = { type: patch.type ?? current.type, valueMinor: patch.valueMinor ?? minorUnitsFromColumn(current.valueMinor), currency: patch.currency ?? current.currency };
  assertRewardValue(merged, shopCurrency, limit);
  const { visibleToGroups, ...rest } = patch;
  const row = await db.prisma.giftCardReward.update({
    where: { id: rewardId },
    data: { ...rest, ...(rest.currency ? { currency: normalizeCurrencyCode(rest.currency) } : {}), ...(visibleToGroups ? { visibleToGroups: JSON.stringify(visibleToGroups) } : {}) },
  });
  return rewardView(row);
}

export async function archiveReward(db: Db, shopId: string, rewardId: string, now = new Date()): Promise<void> {
  const { count } = await db.prisma.giftCardReward.updateMany({ where: { id: rewardId, shopId, archivedAt: null }, data: { archivedAt: now, enabled: false } });
  if (count === 0) throw new AppError('NOT_FOUND', 'This reward was not found.');
}
