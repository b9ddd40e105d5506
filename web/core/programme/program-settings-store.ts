// Reads and changes a shop's programme settings. The JSON columns (spend tiers, booking property
// mapping) are parsed and validated here so callers only ever see typed values.
import { z } from 'zod';
import type { ProgramSettings as ProgramSettingsView } from '../../contracts/admin-api';
import type { Prisma } from '../db-client';
import { minorUnitsFromColumn } from '../money/minor-units-column';
import { bookingPropertyConfigSchema, type BookingPropertyConfig } from '../earning/booking-property-config';
import { programSettingsSchema, type ProgramSettings } from '../earning/program-settings-schema';

export const programSettingsPatchSchema = programSettingsSchema
  .extend({
    bookingPropertyConfig: bookingPropertyConfigSchema,
    dateOrder: z.enum(['DMY', 'MDY', '']),
    /** "`points` points are worth `valueMinor`"; null = derive it from the rewards */
    pointValue: z
      .strictObject({ valueMinor: z.number().int().min(1).max(1_000_000_000), points: z.number().int().min(1).max(1_000_000) })
      .nullable(),
    // Lower case, as Shopify tags are matched; every tag with the prefix belongs to the app.
    groupTagPrefix: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,29}$/, 'must be 1-30 lower-case letters, digits, - or _'),
  })
  .partial()
  .strict() satisfies z.ZodType<Partial<ProgramSettingsView>>;

type SettingsRow = Awaited<ReturnType<Prisma['programSettings']['findUniqueOrThrow']>>;

function toView(row: SettingsRow): ProgramSettingsView {
  return {
    pointsPerCurrencyUnit: row.pointsPerCurrencyUnit,
    rounding: row.rounding as ProgramSettings['rounding'],
    pointsPerVisit: row.pointsPerVisit,
    creditDelayMinutes: row.creditDelayMinutes,
    productCreditDelayMinutes: row.productCreditDelayMinutes,
    productCreditTrigger: row.productCreditTrigger as ProgramSettings['productCreditTrigger'],
    clawbackPolicy: row.clawbackPolicy as ProgramSettings['clawbackPolicy'],
    allowNegativeBalance: row.allowNegativeBalance,
    earningMode: row.earningMode as ProgramSettings['earningMode'],
    spendTiers: JSON.parse(row.spendTiers) as ProgramSettings['spendTiers'],
    bookingPropertyConfig: JSON.parse(row.bookingPropertyConfig) as BookingPropertyConfig,
    dateOrder: row.dateOrder as ProgramSettingsView['dateOrder'],
    pointValue: row.pointValueMinor && row.pointValuePoints ? { valueMinor: minorUnitsFromColumn(row.pointValueMinor), points: row.pointValuePoints } : null,
    groupTagPrefix: row.groupTagPrefix,
  };
}

export async function getProgramSettings(prisma: Prisma, shopId: string): Promise<ProgramSettingsView> {
  const row = await prisma.programSettings.upsert({ where: { shopId }, create: { shopId }, update: {} });
  return toView(row);
}

/** Applies a validated partial change; the caller validates with programSettingsPatchSchema first. */
export async function updateProgramSettings(prisma: Prisma, shopId: string, patch: z.infer<typeof programSettingsPatchSchema>): Promise<ProgramSettingsView> {
  const { spendTiers, bookingPropertyConfig, pointValue, ...plain } = patch;
  const data = {
    ...plain,
    ...(pointValue !== undefined ? { pointValueMinor: pointValue?.valueMinor ?? null, pointValuePoints: pointValue?.points ?? null } : {}),
    ...(spendTiers !== undefined ? { spendTiers: JSON.stringify(spendTiers) } : {}),
    ...(bookingPropertyConfig !== undefined ? { bookingPropertyConfig: JSON.stringify(bookingPropertyConfig) } : {}),
  };
  const row = await prisma.programSettings.upsert({ where: { shopId }, create: { shopId, ...data }, update: data });
  return toView(row);
}
