import { bookingPropertyConfigSchema } from '../../../web/core/earning/booking-property-config';
import { defaultProgramSettings, programSettingsSchema } from '../../../web/core/earning/program-settings-schema';
import { productLoyaltySchema } from '../../../web/core/earning/product-loyalty-schema';

const valid = { ...defaultProgramSettings, earningMode: 'spend_tiers' as const, spendTiers: [{ fromMinor: 0, basisPoints: 200 }, { fromMinor: 100_000, basisPoints: 300 }] };

describe('programSettingsSchema', () => {
  test('accepts the defaults and a valid tier table', () => {
    expect(programSettingsSchema.safeParse(defaultProgramSettings).success).toBe(true);
    expect(programSettingsSchema.safeParse(valid).success).toBe(true);
  });

  test.each([
    ['pointsPerCurrencyUnit above 1000', { pointsPerCurrencyUnit: 1001 }],
    ['a fractional pointsPerCurrencyUnit', { pointsPerCurrencyUnit: 1.5 }],
    ['an unknown rounding mode', { rounding: 'banker' }],
    ['pointsPerVisit above 100000', { pointsPerVisit: 100_001 }],
    ['a credit delay above 72 hours', { creditDelayMinutes: 4321 }],
    ['a negative product credit delay', { productCreditDelayMinutes: -1 }],
    ['an unknown credit trigger', { productCreditTrigger: 'shipped' }],
    ['an unknown claw-back policy', { clawbackPolicy: 'sometimes' }],
    ['a tier table not starting at 0', { spendTiers: [{ fromMinor: 100, basisPoints: 200 }] }],
    ['tiers out of order', { spendTiers: [{ fromMinor: 0, basisPoints: 200 }, { fromMinor: 500, basisPoints: 300 }, { fromMinor: 400, basisPoints: 500 }] }],
    ['two tiers starting at the same spend', { spendTiers: [{ fromMinor: 0, basisPoints: 200 }, { fromMinor: 0, basisPoints: 300 }] }],
    ['a tier above 100%', { spendTiers: [{ fromMinor: 0, basisPoints: 10_001 }] }],
    ['more than 10 tiers', { spendTiers: Array.from({ length: 11 }, (_, i) => ({ fromMinor: i * 100, basisPoints: 100 })) }],
  ])('rejects %s', (_what, change) => {
    expect(programSettingsSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  test('names the offending tier in the error path', () => {
    const result = programSettingsSchema.safeParse({ ...valid, spendTiers: [{ fromMinor: 0, basisPoints: 1 }, { fromMinor: 0, basisPoints: 2 }] });
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join('.'))).toEqual(['spendTiers.1.fromMinor']);
  });
});

describe('productLoyaltySchema', () => {
  const loyalty = { enabled: true, isService: true, pointsMode: 'fixed', fixedPoints: 100, multiplierPercent: 100 };

  test('accepts a valid loyalty tab', () => {
    expect(productLoyaltySchema.safeParse(loyalty).success).toBe(true);
  });

  test.each([
    ['fixedPoints above 1,000,000', { fixedPoints: 1_000_001 }],
    ['a multiplier above 1000%', { multiplierPercent: 1001 }],
    ['an unknown points mode', { pointsMode: 'tiered' }],
  ])('rejects %s', (_what, change) => {
    expect(productLoyaltySchema.safeParse({ ...loyalty, ...change }).success).toBe(false);
  });
});

describe('bookingPropertyConfigSchema', () => {
  test('accepts an empty config and a full one', () => {
    expect(bookingPropertyConfigSchema.safeParse({}).success).toBe(true);
    expect(bookingPropertyConfigSchema.safeParse({ startKeys: ['Slot'], endKeys: [], format: 'dd-MM-yyyy HH:mm' }).success).toBe(true);
  });

  test('rejects blank property names', () => {
    expect(bookingPropertyConfigSchema.safeParse({ startKeys: ['  '] }).success).toBe(false);
  });
});
