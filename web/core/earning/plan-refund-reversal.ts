export interface RefundReversalInput {
  pointsToVoid: number;
  /** Pending points have not reached the balance yet; posted points have. */
  entryStatus: 'pending' | 'posted';
  clawbackPolicy: 'claw_back' | 'keep';
  allowNegativeBalance: boolean;
  /** The member's posted balance now. */
  currentBalance: number;
}

export type RefundReversalPlan =
  | { action: 'void_pending'; points: number }
  | { action: 'claw_back'; points: number; /** Points not clawed back because the balance may not go below zero. */ forgiven: number }
  | { action: 'none'; reason: 'nothing_to_void' | 'shop_keeps_credited_points' | 'balance_is_zero' };

/**
 * What a refund does to a line's points. Before credit the pending points are simply voided (the
 * customer never had them). After credit the shop decides: keep them, or claw them back; a claw
 * back takes at most the current balance unless the shop allows negative balances, because a
 * customer who already spent the points cannot be asked for them again.
 */
export function planRefundReversal(input: RefundReversalInput): RefundReversalPlan {
  if (input.pointsToVoid <= 0) return { action: 'none', reason: 'nothing_to_void' };
  if (input.entryStatus === 'pending') return { action: 'void_pending', points: input.pointsToVoid };
  if (input.clawbackPolicy === 'keep') return { action: 'none', reason: 'shop_keeps_credited_points' };
  const points = input.allowNegativeBalance ? input.pointsToVoid : Math.min(input.pointsToVoid, Math.max(0, input.currentBalance));
  if (points === 0) return { action: 'none', reason: 'balance_is_zero' };
  return { action: 'claw_back', points, forgiven: input.pointsToVoid - points };
}
