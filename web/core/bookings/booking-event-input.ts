// The booking event a booking system sends to POST /booking-events/<key> (docs/booking-events.md), and
// the one shape every adapter (Acuity, …) turns its own notifications into.
import { z } from 'zod';

export const BOOKING_EVENT_TYPES = ['created', 'rescheduled', 'cancelled', 'completed', 'no_show'] as const;
export type BookingEventType = (typeof BOOKING_EVENT_TYPES)[number];

const instant = z.string().max(64).refine((text) => /T\d\d:\d\d(:\d\d(\.\d+)?)?([zZ]|[+-]\d\d:?\d\d)$/.test(text) && !Number.isNaN(new Date(text).getTime()), 'must be an ISO 8601 time with an offset');
/** Shopify ids as GIDs or bare digits (kept as text: they are 64-bit). */
const shopifyId = (type: string) => z.union([z.string().max(100), z.number().int().nonnegative()]).transform((value, ctx) => {
  const text = String(value);
  if (/^\d+$/.test(text)) return `gid://shopify/${type}/${text}`;
  if (new RegExp(`^gid://shopify/${type}/\\d+$`).test(text)) return text;
  ctx.addIssue({ code: 'custom', message: `must be a ${type} id` });
  return z.NEVER;
});

export const bookingEventSchema = z.object({
  /** unique per event: a redelivery with the same id is ignored */
  id: z.string().trim().min(1).max(200),
  type: z.enum(BOOKING_EVENT_TYPES),
  /** when it happened in the booking system (check-in time for `completed`); default: when received */
  occurredAt: instant.optional(),
  booking: z.object({
    /** the booking system's id of the booking */
    id: z.string().trim().min(1).max(200),
    start: instant,
    end: instant.optional(),
    customer: z.object({
      shopifyCustomerId: shopifyId('Customer').optional(),
      email: z.string().trim().max(320).optional(),
      phone: z.string().trim().max(40).optional(),
      firstName: z.string().max(200).optional(),
      lastName: z.string().max(200).optional(),
    }).refine((c) => Boolean(c.shopifyCustomerId || c.email || c.phone), 'needs a shopifyCustomerId, an email or a phone'),
    service: z.object({
      productId: shopifyId('Product').optional(),
      variantId: shopifyId('ProductVariant').optional(),
      sku: z.string().trim().max(200).optional(),
      title: z.string().trim().max(300).optional(),
    }).default({}),
    /** the Shopify order line the booking was sold as, when there is one */
    lineItemId: shopifyId('LineItem').optional(),
  }).refine((booking) => !booking.end || new Date(booking.end) >= new Date(booking.start), { message: 'must not end before it starts', path: ['end'] }),
}).strict();

export type BookingEventInput = z.infer<typeof bookingEventSchema>;
