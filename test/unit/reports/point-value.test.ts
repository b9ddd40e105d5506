import { liabilityOf, pickPointValue, pointsInMinorUnits } from '../../../web/core/reports/point-value';

const giftCard25 = { title: '€25 gift card', valueMinor: 2500, pointsCost: 250 };
const giftCard5 = { title: '€5 gift card', valueMinor: 500, pointsCost: 300 };

describe('point value', () => {
  it('is derived from the reward that gives the most money per point, so the liability is not understated', () => {
    const value = pickPointValue({ owner: null, rewards: [giftCard5, giftCard25], currency: 'EUR' });
    expect(value).toEqual({ valueMinor: 2500, points: 250, currency: 'EUR', source: 'reward', rewardTitle: '€25 gift card' });
  });

  it("uses the owner's stated value over the rewards", () => {
    const value = pickPointValue({ owner: { valueMinor: 1, points: 1 }, rewards: [giftCard25], currency: 'EUR' });
    expect(value).toMatchObject({ valueMinor: 1, points: 1, source: 'owner' });
  });

  it('has no value without rewards or a stated value, and the liability is then points only', () => {
    expect(pickPointValue({ owner: null, rewards: [], currency: 'EUR' })).toBeNull();
    expect(liabilityOf(11_714, null, 'EUR')).toEqual({ points: 11_714, valueMinor: null, currency: 'EUR', pointValue: null });
  });

  it('values 11,714 points at €0.10 each as €1,171.40 (not 1 %)', () => {
    const value = pickPointValue({ owner: null, rewards: [giftCard25], currency: 'EUR' })!;
    expect(liabilityOf(11_714, value, 'EUR').valueMinor).toBe(117_140);
  });

  it('keeps fractional values exact and rounds half up once', () => {
    expect(pointsInMinorUnits(300, { valueMinor: 500, points: 300 })).toBe(500);
    expect(pointsInMinorUnits(1, { valueMinor: 500, points: 300 })).toBe(2); // 1.67 -> 2
    expect(pointsInMinorUnits(3, { valueMinor: 1, points: 2 })).toBe(2); // 1.5 -> 2
    expect(pointsInMinorUnits(-5, { valueMinor: 10, points: 1 })).toBe(0);
  });
});
