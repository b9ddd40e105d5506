import type { Reward, RewardInput } from '../../../contracts/admin-api';

/**
 * The complete body for a reward. PATCH /api/rewards/:id is sent complete, never partial: the
 * server's patch schema fills absent fields with their defaults (stock, expiry and per-customer limit
 * become null, type gift_card, enabled true), so a partial patch would wipe them.
 */
export function rewardBody(reward: Reward, changes: Partial<RewardInput> = {}): RewardInput {
  return {
    title: reward.title,
    type: reward.type === 'store_credit' ? 'store_credit' : 'gift_card',
    valueMinor: reward.value.amountMinor,
    currency: reward.value.currency,
    pointsCost: reward.pointsCost,
    enabled: reward.enabled,
    stockLimit: reward.stockLimit,
    expiresAfterDays: reward.expiresAfterDays,
    perCustomerLimit: reward.perCustomerLimit,
    visibleToGroups: reward.visibleToGroups,
    ...changes,
  };
}
