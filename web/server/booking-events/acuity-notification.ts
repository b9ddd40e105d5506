// Acuity Scheduling's webhook notifications (its public "Webhooks" documentation): a form-encoded POST
// `action=scheduled|rescheduled|canceled|changed&id=<appointment id>&calendarID=…&appointmentTypeID=…`,
// signed in `X-Acuity-Signature` with the base64 HMAC-SHA256 of the raw body keyed by the account's API
// key. The notification says only that something happened; the appointment read from the API says what.
import { z } from 'zod';
import type { BookingEventInput } from '../../core/bookings/booking-event-input';
import type { AcuityAppointment } from './acuity-client';

export const acuityNotificationSchema = z.object({
  action: z.enum(['scheduled', 'rescheduled', 'canceled', 'changed', 'appointment.scheduled', 'appointment.rescheduled', 'appointment.canceled', 'appointment.changed'])
    .transform((action) => action.replace(/^appointment\./, '') as 'scheduled' | 'rescheduled' | 'canceled' | 'changed'),
  id: z.string().regex(/^\d{1,20}$/, 'must be an appointment id'),
  calendarID: z.string().max(20).optional(),
  appointmentTypeID: z.string().max(20).optional(),
});

export type AcuityNotification = z.infer<typeof acuityNotificationSchema>;

export function parseAcuityNotification(rawBody: string): AcuityNotification {
  return acuityNotificationSchema.parse(Object.fromEntries(new URLSearchParams(rawBody)));
}

/** "…-0800" -> "…-08:00": the offset form every ISO parser reads. */
function isoWithOffset(datetime: string): string {
  return datetime.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
}

/** The appointment as a booking event. Acuity's own flags win over the action (a no-show is marked in Acuity after the fact). */
export function acuityBookingEvent(eventId: string, notification: AcuityNotification, appointment: AcuityAppointment): BookingEventInput {
  const start = new Date(isoWithOffset(appointment.datetime));
  if (Number.isNaN(start.getTime())) throw new Error(`Acuity appointment ${appointment.id} has no readable datetime`);
  const end = appointment.duration ? new Date(start.getTime() + appointment.duration * 60_000) : null;
  const type = appointment.noShow ? 'no_show'
    : appointment.canceled || notification.action === 'canceled' ? 'cancelled'
    : notification.action === 'scheduled' ? 'created' : 'rescheduled';
  const present = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    id: eventId,
    type,
    booking: {
      id: appointment.id,
      start: start.toISOString(),
      ...(end ? { end: end.toISOString() } : {}),
      customer: { email: present(appointment.email), phone: present(appointment.phone), firstName: present(appointment.firstName), lastName: present(appointment.lastName) },
      // A variant whose SKU is acuity-<appointment type id> is that service; else a product titled like the type.
      service: { ...(appointment.appointmentTypeID ? { sku: `acuity-${appointment.appointmentTypeID}` } : {}), ...(present(appointment.type) ? { title: appointment.type.trim() } : {}) },
    },
  };
}
