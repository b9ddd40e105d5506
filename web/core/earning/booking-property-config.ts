import { z } from 'zod';
import { BOOKING_PROPERTY_LIMITS as LIMITS } from '../../contracts/program-settings-ranges';

const propertyNames = z.array(z.string().trim().min(1).max(LIMITS.maxKeyLength)).max(LIMITS.maxKeysPerRole);

/**
 * A shop's own booking property names and date format, for booking apps the built-in recognition
 * does not know. Configured names are tried before the built-in ones; `format` is a luxon format
 * string (e.g. 'dd-MM-yyyy HH:mm') tried first for values of `startKeys` and `dateKeys`.
 */
export const bookingPropertyConfigSchema = z.object({
  startKeys: propertyNames.optional(),
  endKeys: propertyNames.optional(),
  dateKeys: propertyNames.optional(),
  timeKeys: propertyNames.optional(),
  durationKeys: propertyNames.optional(),
  format: z.string().trim().min(1).max(LIMITS.maxFormatLength).optional(),
});

export type BookingPropertyConfig = z.infer<typeof bookingPropertyConfigSchema>;
