import { validationError } from '../errors/app-error';

/** How much of a line has been refunded, counted in units or in minor units of money. */
export type RefundShare =
  | { by: 'quantity'; lineQuantity: number; refundedBefore?: number; refundedNow: number }
  | { by: 'amount'; lineEligibleMinor: number; refundedBeforeMinor?: number; refundedNowMinor: number };

export interface RefundVoidInput {
  /** The points the line earned (pending or posted). */
  earnedPoints: number;
  share: RefundShare;
}

export interface RefundVoid {
  /** Points to void or claw back for this refund. */
  pointsToVoid: number;
  /** Points voided by this and every earlier refund of the line. */
  voidedInTotal: number;
  /** Points the line keeps. */
  remainingPoints: number;
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw validationError(`${what} must be a whole number of at least 0, got ${value}.`);
}

/** Points voided once `refunded` of `total` is refunded: floored, and everything once all is refunded. */
function voidedAt(earnedPoints: number, refunded: number, total: number): number {
  if (total === 0 || refunded >= total) return earnedPoints;
  return Number((BigInt(earnedPoints) * BigInt(refunded)) / BigInt(total));
}

/**
 * The points to void for a (partial) refund of a line, in proportion to the refunded quantity or
 * amount. The proportion is taken of the cumulative refund and floored, then the points already
 * voided by earlier refunds are subtracted: flooring never voids more than the refunded share of
 * what was earned, and because it is cumulative, refunding a line in parts voids exactly what one
 * full refund would (10 points over 3 units void 3, 3, then 4). Refunding more than the line
 * (rounding in Shopify's refund amounts) voids the whole line and no more.
 */
export function calculateRefundVoid({ earnedPoints, share }: RefundVoidInput): RefundVoid {
  assertCount(earnedPoints, 'earnedPoints');
  const [total, before, now] =
    share.by === 'quantity'
      ? [share.lineQuantity, share.refundedBefore ?? 0, share.refundedNow]
      : [share.lineEligibleMinor, share.refundedBeforeMinor ?? 0, share.refundedNowMinor];
  assertCount(total, 'line total');
  assertCount(before, 'refunded before');
  assertCount(now, 'refunded now');
  const voidedBefore = voidedAt(earnedPoints, before, total);
  const voidedInTotal = voidedAt(earnedPoints, before + now, total);
  return { pointsToVoid: voidedInTotal - voidedBefore, voidedInTotal, remainingPoints: earnedPoints - voidedInTotal };
}
