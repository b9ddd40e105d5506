// "Test with a sample order": how the shop's current settings read a booking app's line-item properties.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../core/db-client';
import { bookingPropertyConfigSchema, describeAppointmentReading, readAppointmentTime } from '../../../core/earning';
import { getProgramSettings } from '../../../core/programme/program-settings-store';
import { adminAuthOf } from '../session-token-auth';

const sampleSchema = z
  .object({
    properties: z.array(z.object({ name: z.string().max(200), value: z.string().max(500) })).min(1).max(50),
    /** try unsaved settings before saving them */
    config: bookingPropertyConfigSchema.optional(),
    dateOrder: z.enum(['DMY', 'MDY', '']).optional(),
  })
  .strict();

export function createBookingPropertiesTestRouter(deps: { db: Db }): Router {
  const router = Router();
  router.post('/settings/booking-properties/test', async (req, res) => {
    const { shopId } = adminAuthOf(res.locals);
    const sample = sampleSchema.parse(req.body);
    const [settings, shop] = await Promise.all([
      getProgramSettings(deps.db.prisma, shopId),
      deps.db.prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { ianaTimezone: true, primaryLocale: true } }),
    ]);
    const dateOrder = sample.dateOrder ?? settings.dateOrder;
    const reading = readAppointmentTime(sample.properties, {
      timeZone: shop.ianaTimezone,
      locale: shop.primaryLocale,
      dateOrder: dateOrder || undefined,
      config: sample.config ?? settings.bookingPropertyConfig,
    });
    res.json({ reading, summary: describeAppointmentReading(reading, shop.ianaTimezone), timeZone: shop.ianaTimezone });
  });
  return router;
}
