// The shapes staff may send for a group (issue 15): colour, benefits and their limits, the tier order.
import { GROUP_LIMITS } from '../../../web/contracts/groups-api';
import { benefitSchema, createGroupSchema, tierOrderSchema, updateGroupSchema } from '../../../web/core/groups/group-input-schema';

const ok = (schema: { safeParse(value: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('group input', () => {
  it('accepts a #rrggbb colour in any case and stores it lower-case', () => {
    expect(createGroupSchema.parse({ name: 'VIP', kind: 'manual', colour: '#1F8A70' }).colour).toBe('#1f8a70');
    expect(['red', '#1f8a7', '#1f8a700', '1f8a70', '#gggggg'].map((colour) => ok(createGroupSchema, { name: 'VIP', kind: 'manual', colour }))).toEqual([false, false, false, false, false]);
  });

  it('trims the name and refuses an empty or too long one', () => {
    expect(createGroupSchema.parse({ name: '  VIP  ', kind: 'manual' }).name).toBe('VIP');
    expect(ok(createGroupSchema, { name: '   ', kind: 'manual' })).toBe(false);
    expect(ok(createGroupSchema, { name: 'x'.repeat(GROUP_LIMITS.nameLength), kind: 'manual' })).toBe(true);
    expect(ok(createGroupSchema, { name: 'x'.repeat(GROUP_LIMITS.nameLength + 1), kind: 'manual' })).toBe(false);
  });

  it('takes a bonus multiplier from exactly 100 to 1000 %', () => {
    const { min, max } = GROUP_LIMITS.multiplierPercent;
    expect([min - 1, min, max, max + 1].map((multiplierPercent) => ok(benefitSchema, { kind: 'bonus', multiplierPercent }))).toEqual([false, true, true, false]);
  });

  it('takes a discount from exactly 1 to 100 %, whole percentages only', () => {
    expect([0, 1, 100, 101, 12.5].map((discountPercent) => ok(benefitSchema, { kind: 'discount', discountPercent }))).toEqual([false, true, true, false, false]);
  });

  it("takes the group's own spend-tier table with the programme's rules (seed 001: 2 / 3 / 5 % at 0 / 1000 / 3000)", () => {
    expect(ok(benefitSchema, { kind: 'bonus', spendTiers: [{ fromMinor: 0, basisPoints: 200 }, { fromMinor: 100_000, basisPoints: 300 }, { fromMinor: 300_000, basisPoints: 500 }] })).toBe(true);
    expect(ok(benefitSchema, { kind: 'bonus', spendTiers: [{ fromMinor: 100, basisPoints: 200 }] })).toBe(false);
    expect(ok(benefitSchema, { kind: 'bonus', spendTiers: [{ fromMinor: 0, basisPoints: 200 }, { fromMinor: 0, basisPoints: 300 }] })).toBe(false);
  });

  it('refuses fields that do not belong to the benefit kind', () => {
    expect(ok(benefitSchema, { kind: 'none', multiplierPercent: 150 })).toBe(false);
    expect(ok(benefitSchema, { kind: 'discount', discountPercent: 10, multiplierPercent: 150 })).toBe(false);
    expect(ok(benefitSchema, { kind: 'bonus', multiplierPercent: 150, discountPercent: 10 })).toBe(false);
    expect(ok(benefitSchema, { kind: 'bonus' })).toBe(false);
    expect(ok(benefitSchema, { kind: 'none' })).toBe(true);
  });

  it('does not let a change switch the kind of a group', () => {
    expect(ok(updateGroupSchema, { kind: 'automatic' })).toBe(false);
    expect(ok(updateGroupSchema, { name: 'Renamed' })).toBe(true);
  });

  it('needs a metric, a period and at least one tier, at most the limit, for the tier order', () => {
    const tiers = (n: number) => Array.from({ length: n }, (_, i) => ({ groupId: `g${i}`, threshold: i * 100 }));
    expect(ok(tierOrderSchema, { metric: 'spend', period: 'calendar_year', tiers: tiers(1) })).toBe(true);
    expect(ok(tierOrderSchema, { metric: 'spend', period: 'calendar_year', tiers: [] })).toBe(false);
    expect(ok(tierOrderSchema, { metric: 'spend', period: 'calendar_year', tiers: tiers(GROUP_LIMITS.maxTiers + 1) })).toBe(false);
    expect(ok(tierOrderSchema, { metric: 'visits', period: 'calendar_year', tiers: tiers(1) })).toBe(false);
    expect(ok(tierOrderSchema, { metric: 'spend', period: 'forever', tiers: tiers(1) })).toBe(false);
  });
});
