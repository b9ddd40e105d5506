// What one point is worth in money: the figure the owner reads as "1 point ≈ €0.10" and the one the
// liability (outstanding points in money) is computed with, the same on the dashboard, the report and
// the exports.
// Decision: the owner's stated value wins; otherwise the best value per point among the enabled
// rewards (what a member gets at most for their points, so the liability is not understated); with
// no reward and no stated value the points have no money value yet and the liability is shown in
// points only. Kept as a ratio (valueMinor for `points` points) so €5 for 300 points stays exact;
// money is integer minor units, rounded half up once, at the end.
import type { Prisma } from '../db-client';
import { minorUnitsFromColumn } from '../money/minor-units-column';

export type { PointValue, PointValueSource } from '../../contracts/admin-api';
import type { PointValue } from '../../contracts/admin-api';

export interface RewardPrice {
  title: string;
  valueMinor: number;
  pointsCost: number;
}

/** The owner's value if set, else the reward that gives the most money per point, else null. */
export function pickPointValue(input: { owner: { valueMinor: number; points: number } | null; rewards: RewardPrice[]; currency: string }): PointValue | null {
  if (input.owner && input.owner.points > 0 && input.owner.valueMinor > 0) {
    return { valueMinor: input.owner.valueMinor, points: input.owner.points, currency: input.currency, source: 'owner' };
  }
  let best: RewardPrice | undefined;
  for (const reward of input.rewards) {
    if (reward.pointsCost <= 0 || reward.valueMinor <= 0) continue;
    // a/b > c/d  <=>  a*d > c*b (all positive): no floating point.
    if (!best || reward.valueMinor * best.pointsCost > best.valueMinor * reward.pointsCost) best = reward;
  }
  if (!best) return null;
  return { valueMinor: best.valueMinor, points: best.pointsCost, currency: input.currency, source: 'reward', rewardTitle: best.title };
}

/** `points` in minor units at `value`, rounded half up; 0 for no or negative points. */
export function pointsInMinorUnits(points: number, value: Pick<PointValue, 'valueMinor' | 'points'>): number {
  if (points <= 0) return 0;
  return Math.floor((2 * points * value.valueMinor + value.points) / (2 * value.points));
}

/** The shop's point value (see the decision above). */
export async function loadPointValue(prisma: Prisma, shopId: string): Promise<PointValue | null> {
  const [shop, settings, rewards] = await Promise.all([
    prisma.shop.findUnique({ where: { id: shopId }, select: { currency: true } }),
    prisma.programSettings.findUnique({ where: { shopId }, select: { pointValueMinor: true, pointValuePoints: true } }),
    prisma.giftCardReward.findMany({
      where: { shopId, enabled: true, archivedAt: null },
      select: { title: true, valueMinor: true, pointsCost: true, currency: true },
    }),
  ]);
  const currency = shop?.currency ?? 'USD';
  const owner = settings?.pointValueMinor && settings.pointValuePoints ? { valueMinor: minorUnitsFromColumn(settings.pointValueMinor), points: settings.pointValuePoints } : null;
  const priced = rewards.filter((reward) => reward.currency === currency).map((reward) => ({ ...reward, valueMinor: minorUnitsFromColumn(reward.valueMinor) }));
  return pickPointValue({ owner, rewards: priced, currency });
}

/** Outstanding points with their money value (null when the points have no value yet). */
export interface Liability {
  points: number;
  valueMinor: number | null;
  currency: string;
  pointValue: PointValue | null;
}

export function liabilityOf(points: number, pointValue: PointValue | null, currency: string): Liability {
  return { points, valueMinor: pointValue ? pointsInMinorUnits(points, pointValue) : null, currency, pointValue };
}
