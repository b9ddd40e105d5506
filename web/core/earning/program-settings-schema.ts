import { z } from 'zod';
import { PROGRAM_SETTING_RANGES as RANGES, SPEND_TIER_LIMITS } from '../../contracts/program-settings-ranges';

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const inRange = (range: { min: number; max: number }) => int(range.min, range.max);

export const roundingModeSchema = z.enum(['down', 'nearest', 'up']);
export type RoundingMode = z.infer<typeof roundingModeSchema>;

export const earningModeSchema = z.enum(['rate', 'spend_tiers']);
export type EarningMode = z.infer<typeof earningModeSchema>;

/** One row of the earn-rate table: from this lifetime spend (inclusive, minor units) earn basisPoints/100 %. */
export const spendTierSchema = z.object({
  fromMinor: int(0, Number.MAX_SAFE_INTEGER),
  basisPoints: inRange(SPEND_TIER_LIMITS.basisPoints),
});
export type SpendTier = z.infer<typeof spendTierSchema>;

/**
 * An empty table is allowed and means "the default table" (see defaultSpendTiers); a non-empty one
 * must start at 0 so every member has a rate, and rise strictly so each spend has exactly one tier.
 */
export const spendTiersSchema = z
  .array(spendTierSchema)
  .max(SPEND_TIER_LIMITS.maxTiers, `At most ${SPEND_TIER_LIMITS.maxTiers} spend tiers.`)
  .superRefine((tiers, ctx) => {
    if (tiers.length > 0 && tiers[0]?.fromMinor !== 0) {
      ctx.addIssue({ code: 'custom', path: [0, 'fromMinor'], message: 'The first spend tier must start at 0.' });
    }
    tiers.forEach((tier, index) => {
      const previous = tiers[index - 1];
      if (previous && tier.fromMinor <= previous.fromMinor) {
        ctx.addIssue({ code: 'custom', path: [index, 'fromMinor'], message: 'Spend tiers must be in ascending order of fromMinor.' });
      }
    });
  });

/** The programme settings a shop edits; HTTP handlers validate request bodies with this. */
export const programSettingsSchema = z.object({
  pointsPerCurrencyUnit: inRange(RANGES.pointsPerCurrencyUnit),
  rounding: roundingModeSchema,
  pointsPerVisit: inRange(RANGES.pointsPerVisit),
  creditDelayMinutes: inRange(RANGES.creditDelayMinutes),
  productCreditDelayMinutes: inRange(RANGES.productCreditDelayMinutes),
  productCreditTrigger: z.enum(['paid', 'fulfilled']),
  clawbackPolicy: z.enum(['claw_back', 'keep']),
  allowNegativeBalance: z.boolean(),
  earningMode: earningModeSchema,
  spendTiers: spendTiersSchema,
});
export type ProgramSettings = z.infer<typeof programSettingsSchema>;

/** The same defaults as the ProgramSettings table: 1 point per unit rounded down, credit 3 h after the appointment. */
export const defaultProgramSettings: ProgramSettings = {
  pointsPerCurrencyUnit: 1,
  rounding: 'down',
  pointsPerVisit: 0,
  creditDelayMinutes: 180,
  productCreditDelayMinutes: 0,
  productCreditTrigger: 'paid',
  clawbackPolicy: 'claw_back',
  allowNegativeBalance: false,
  earningMode: 'rate',
  spendTiers: [],
};
