import { calculateRefundVoid } from '../../../web/core/earning/calculate-refund-void';
import { planRefundReversal } from '../../../web/core/earning/plan-refund-reversal';

describe('calculateRefundVoid', () => {
  test('voids everything for a full refund', () => {
    expect(calculateRefundVoid({ earnedPoints: 50, share: { by: 'quantity', lineQuantity: 2, refundedNow: 2 } })).toEqual({
      pointsToVoid: 50,
      voidedInTotal: 50,
      remainingPoints: 0,
    });
  });

  test('voids in proportion to the refunded quantity (1 of 2 units of 50 points -> 25)', () => {
    expect(calculateRefundVoid({ earnedPoints: 50, share: { by: 'quantity', lineQuantity: 2, refundedNow: 1 } }).pointsToVoid).toBe(25);
  });

  test('floors the proportion so it never voids more than the refunded share (1 of 3 units of 10 points -> 3)', () => {
    expect(calculateRefundVoid({ earnedPoints: 10, share: { by: 'quantity', lineQuantity: 3, refundedNow: 1 } }).pointsToVoid).toBe(3);
  });

  test('voids exactly the earned points when a line is refunded unit by unit (3, 3, then 4)', () => {
    const steps = [0, 1, 2].map((before) => calculateRefundVoid({ earnedPoints: 10, share: { by: 'quantity', lineQuantity: 3, refundedBefore: before, refundedNow: 1 } }).pointsToVoid);
    expect(steps).toEqual([3, 3, 4]);
  });

  test('voids in proportion to a refunded amount (4.00 of 10.99 EUR on 10 points -> 3)', () => {
    expect(calculateRefundVoid({ earnedPoints: 10, share: { by: 'amount', lineEligibleMinor: 1099, refundedNowMinor: 400 } }).pointsToVoid).toBe(3);
  });

  test('voids the rest, and no more, when refunds add up to more than the line', () => {
    expect(calculateRefundVoid({ earnedPoints: 10, share: { by: 'amount', lineEligibleMinor: 1000, refundedBeforeMinor: 600, refundedNowMinor: 600 } })).toEqual({
      pointsToVoid: 4,
      voidedInTotal: 10,
      remainingPoints: 0,
    });
  });

  test('voids nothing for a refund of zero', () => {
    expect(calculateRefundVoid({ earnedPoints: 10, share: { by: 'quantity', lineQuantity: 3, refundedNow: 0 } }).pointsToVoid).toBe(0);
  });

  test('rejects negative or fractional inputs', () => {
    expect(() => calculateRefundVoid({ earnedPoints: 10, share: { by: 'quantity', lineQuantity: 3, refundedNow: -1 } })).toThrow(/refunded now/);
    expect(() => calculateRefundVoid({ earnedPoints: 1.5, share: { by: 'quantity', lineQuantity: 3, refundedNow: 1 } })).toThrow(/earnedPoints/);
  });
});

describe('planRefundReversal', () => {
  const base = { pointsToVoid: 30, clawbackPolicy: 'claw_back' as const, allowNegativeBalance: false, currentBalance: 100 };

  test('voids pending points before credit, whatever the claw-back policy', () => {
    expect(planRefundReversal({ ...base, entryStatus: 'pending', clawbackPolicy: 'keep' })).toEqual({ action: 'void_pending', points: 30 });
  });

  test('claws back credited points when the shop claws back', () => {
    expect(planRefundReversal({ ...base, entryStatus: 'posted' })).toEqual({ action: 'claw_back', points: 30, forgiven: 0 });
  });

  test('keeps credited points when the shop keeps them', () => {
    expect(planRefundReversal({ ...base, entryStatus: 'posted', clawbackPolicy: 'keep' })).toEqual({ action: 'none', reason: 'shop_keeps_credited_points' });
  });

  test('claws back at most the balance when negative balances are not allowed', () => {
    expect(planRefundReversal({ ...base, entryStatus: 'posted', currentBalance: 12 })).toEqual({ action: 'claw_back', points: 12, forgiven: 18 });
  });

  test('claws back everything, going negative, when the shop allows it', () => {
    expect(planRefundReversal({ ...base, entryStatus: 'posted', currentBalance: 12, allowNegativeBalance: true })).toEqual({ action: 'claw_back', points: 30, forgiven: 0 });
  });

  test('does nothing when the balance is already zero and may not go negative', () => {
    expect(planRefundReversal({ ...base, entryStatus: 'posted', currentBalance: 0 })).toEqual({ action: 'none', reason: 'balance_is_zero' });
  });

  test('does nothing when there is nothing to void', () => {
    expect(planRefundReversal({ ...base, pointsToVoid: 0, entryStatus: 'pending' })).toEqual({ action: 'none', reason: 'nothing_to_void' });
  });
});
