// What staff may send to create or change a group, a tier order or a membership (issue 15 items 1-3).
// Shapes only: the rules that need the shop's other groups (unique name, tier thresholds in order,
// one default group) are checked by the store (group-store.ts) inside the write transaction.
import { z } from 'zod';
import { GROUP_LIMITS, type RuleTree } from '../../contracts/groups-api';
import { spendTiersSchema } from '../earning/program-settings-schema';
import { automaticGroupRulesSchema, type GroupRuleTree } from './group-rules';
import { BENEFIT_KINDS, GROUP_KINDS, TIER_METRICS, TIER_PERIODS } from './group-types';

// The admin's rule tree type (web/contracts) and the evaluator's (group-rules.ts) must stay one shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rulesAgree: Same<RuleTree, GroupRuleTree> = true;
void rulesAgree;

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const colourSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'The colour must be a hex colour like #1f8a70.')
  .transform((value) => value.toLowerCase());

export const tierSettingsSchema = z
  .object({
    metric: z.enum(TIER_METRICS),
    threshold: int(0, Number.MAX_SAFE_INTEGER),
    period: z.enum(TIER_PERIODS),
  })
  .strict();

export const benefitSchema = z
  .object({
    kind: z.enum(BENEFIT_KINDS),
    multiplierPercent: int(GROUP_LIMITS.multiplierPercent.min, GROUP_LIMITS.multiplierPercent.max).nullable().optional(),
    spendTiers: spendTiersSchema.optional(),
    discountPercent: int(GROUP_LIMITS.discountPercent.min, GROUP_LIMITS.discountPercent.max).nullable().optional(),
  })
  .strict()
  .superRefine((benefit, ctx) => {
    const multiplier = benefit.multiplierPercent ?? null;
    const tiers = benefit.spendTiers ?? [];
    const discount = benefit.discountPercent ?? null;
    if (benefit.kind === 'bonus') {
      if ((multiplier === null) === (tiers.length === 0)) {
        ctx.addIssue({ code: 'custom', path: ['multiplierPercent'], message: 'A bonus needs either an earn multiplier or a spend-tier table (not both).' });
      }
      if (discount !== null) ctx.addIssue({ code: 'custom', path: ['discountPercent'], message: 'A bonus has no discount percentage.' });
    } else if (benefit.kind === 'discount') {
      if (discount === null) ctx.addIssue({ code: 'custom', path: ['discountPercent'], message: 'A discount needs a percentage.' });
      if (multiplier !== null || tiers.length > 0) ctx.addIssue({ code: 'custom', path: ['multiplierPercent'], message: 'A discount has no earn multiplier or spend tiers.' });
    } else if (multiplier !== null || tiers.length > 0 || discount !== null) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'Choose the benefit kind bonus or discount to set a multiplier, spend tiers or a discount.' });
    }
  });
export type BenefitInput = z.infer<typeof benefitSchema>;

const fields = {
  name: z.string().trim().min(1, 'The group needs a name.').max(GROUP_LIMITS.nameLength),
  description: z.string().trim().max(GROUP_LIMITS.descriptionLength),
  colour: colourSchema,
  enabled: z.boolean(),
  rules: automaticGroupRulesSchema.nullable(),
  isDefault: z.boolean(),
  tier: tierSettingsSchema.nullable(),
  benefit: benefitSchema,
};

export const createGroupSchema = z
  .object({
    name: fields.name,
    description: fields.description.optional(),
    colour: fields.colour.optional(),
    enabled: fields.enabled.optional(),
    kind: z.enum(GROUP_KINDS),
    rules: fields.rules.optional(),
    isDefault: fields.isDefault.optional(),
    tier: fields.tier.optional(),
    benefit: fields.benefit.optional(),
  })
  .strict();
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

/** The kind of a group is fixed once created (its members came from staff or from rules). */
export const updateGroupSchema = z
  .object({
    name: fields.name.optional(),
    description: fields.description.optional(),
    colour: fields.colour.optional(),
    enabled: fields.enabled.optional(),
    rules: fields.rules.optional(),
    isDefault: fields.isDefault.optional(),
    tier: fields.tier.optional(),
    benefit: fields.benefit.optional(),
  })
  .strict();
export type UpdateGroupInput = z.infer<typeof updateGroupSchema>;

export const tierOrderSchema = z
  .object({
    metric: z.enum(TIER_METRICS),
    period: z.enum(TIER_PERIODS),
    tiers: z
      .array(z.object({ groupId: z.string().min(1).max(100), threshold: int(0, Number.MAX_SAFE_INTEGER) }).strict())
      .min(1)
      .max(GROUP_LIMITS.maxTiers),
  })
  .strict();
export type TierOrderInput = z.infer<typeof tierOrderSchema>;

export const memberIdsSchema = z
  .object({ memberIds: z.array(z.string().min(1).max(100)).min(1).max(GROUP_LIMITS.maxMembersPerChange) })
  .strict();

export const groupImportSchema = z
  .object({ csv: z.string().min(1).max(2_000_000), dryRun: z.boolean() })
  .strict();
