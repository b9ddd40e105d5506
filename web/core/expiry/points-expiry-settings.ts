// A shop's points expiry rule (docs/points-expiry.md). No row = off.
import { z } from 'zod';
import type { PointsExpirySettingsView } from '../../contracts/points-expiry-api';
import type { Prisma } from '../db-client';

export const DEFAULT_EXPIRY_SETTINGS: PointsExpirySettingsView = { enabled: false, inactivityMonths: 12, warningDays: 30 };

export const pointsExpirySettingsSchema = z
  .strictObject({
    enabled: z.boolean(),
    inactivityMonths: z.number().int().min(1).max(120),
    warningDays: z.number().int().min(0).max(90),
  })
  .refine((input) => input.warningDays < input.inactivityMonths * 28, { message: 'The warning must come after the last activity.', path: ['warningDays'] });

export async function getPointsExpirySettings(prisma: Prisma, shopId: string): Promise<PointsExpirySettingsView> {
  const row = await prisma.pointsExpirySettings.findUnique({ where: { shopId } });
  return row ? { enabled: row.enabled, inactivityMonths: row.inactivityMonths, warningDays: row.warningDays } : { ...DEFAULT_EXPIRY_SETTINGS };
}

/** A partial change keeps the other fields. */
export async function savePointsExpirySettings(prisma: Prisma, shopId: string, body: unknown): Promise<PointsExpirySettingsView> {
  const current = await getPointsExpirySettings(prisma, shopId);
  const input = pointsExpirySettingsSchema.parse({ ...current, ...(typeof body === 'object' && body !== null ? body : {}) });
  await prisma.pointsExpirySettings.upsert({ where: { shopId }, create: { shopId, ...input }, update: input });
  return input;
}
