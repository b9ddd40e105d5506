// Bookings in the admin: a member's bookings and their history; staff mark a no-show or a cancellation
// (managers and owners: it voids or claws back points), check a customer in, reschedule, or set the time
// of an appointment the reader could not parse (the review queue); owners configure the no-show tag,
// check-in crediting and the booking-events endpoint.
import { Router } from 'express';
import { z } from 'zod';
import type { BookingChangeAnswer, BookingSettingsView } from '../../../contracts/bookings-api';
import { listMemberBookingEvents } from '../../../core/bookings/booking-history';
import { ensureBookingIntegration, rotateBookingEventsSecret, saveAcuityCredentials, type BookingIntegration } from '../../../core/bookings/booking-integration-store';
import { readBookingSettings, saveBookingSettings } from '../../../core/bookings/booking-settings-store';
import { changeBooking, type BookingChange, type BookingChangeResult, type BookingRef } from '../../../core/bookings/change-booking';
import { assignBookingEventMember, listBookingEventsForReview } from '../../../core/bookings/inbound-booking-events';
import { listMemberBookings } from '../../../core/bookings/list-member-bookings';
import type { Db } from '../../../core/db-client';
import { bookingIntegrationBoxes } from '../../booking-events/booking-integration-boxes';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

const idSchema = z.string().min(1).max(100);
const instant = z.iso.datetime({ offset: true });
const refSchema = z.object({ lineItemId: z.string().regex(/^gid:\/\/shopify\/LineItem\/\d+$/).optional(), bookingId: idSchema.optional() })
  .refine((ref) => Boolean(ref.lineItemId) !== Boolean(ref.bookingId), 'Give either lineItemId or bookingId.');
const reason = z.string().trim().max(300).optional();
const outcomeSchema = refSchema.and(z.object({ outcome: z.enum(['no_show', 'cancelled']), reason }));
const checkInSchema = refSchema.and(z.object({ at: instant.optional(), reason }));
const rescheduleSchema = refSchema.and(z.object({ start: instant, end: instant.optional(), reason }));
const timeSchema = z.object({ start: instant, end: instant.optional() }).strict();
const settingsSchema = z.object({
  noShowOrderTag: z.string().trim().max(40),
  creditOnCheckIn: z.boolean(),
  acuity: z.object({ userId: z.string().trim().max(40), apiKey: z.string().trim().max(200).optional() }).optional(),
}).strict();

const refOf = (body: { lineItemId?: string; bookingId?: string }): BookingRef => (body.lineItemId ? { lineItemId: body.lineItemId } : { bookingId: body.bookingId! });

function answer(result: BookingChangeResult): BookingChangeAnswer {
  return { applied: result.applied, note: result.note ?? null, availableAt: result.availableAt?.toISOString() ?? null, pointsVoided: result.pointsVoided, pointsClawedBack: result.pointsClawedBack };
}

export function createBookingsRouter(deps: { db: Db; encryptionKey: string; appUrl: string }): Router {
  const router = Router();
  const boxes = bookingIntegrationBoxes(deps.encryptionKey);
  const change = (res: { locals: Record<string, unknown> }, ref: BookingRef, bookingChange: BookingChange, why: string | undefined, fallback: string) =>
    changeBooking(deps.db, adminAuthOf(res.locals).shopId, ref, bookingChange, { source: 'staff', reason: why || fallback, staffUserId: staffOf(res.locals).userId, now: new Date() });

  router.get('/members/:id/bookings', async (req, res) => {
    const shopId = adminAuthOf(res.locals).shopId;
    const memberId = idSchema.parse(req.params.id);
    const items = await listMemberBookings(deps.db.prisma, shopId, memberId);
    res.json({ items, events: await listMemberBookingEvents(deps.db.prisma, shopId, memberId) });
  });
  router.post('/bookings/outcome', async (req, res) => {
    const body = outcomeSchema.parse(req.body);
    res.json(answer(await change(res, refOf(body), { kind: body.outcome }, body.reason, body.outcome === 'no_show' ? 'Marked as a no-show by staff.' : 'Marked as cancelled by staff.')));
  });
  router.post('/bookings/check-in', async (req, res) => {
    const body = checkInSchema.parse(req.body);
    res.json(answer(await change(res, refOf(body), { kind: 'checked_in', at: body.at ? new Date(body.at) : new Date() }, body.reason, 'Checked in by staff.')));
  });
  router.post('/bookings/reschedule', async (req, res) => {
    const body = rescheduleSchema.parse(req.body);
    res.json(answer(await change(res, refOf(body), { kind: 'rescheduled', start: new Date(body.start), end: body.end ? new Date(body.end) : null }, body.reason, 'Rescheduled by staff.')));
  });
  router.put('/orders/appointment-issues/:lineItemId/time', async (req, res) => {
    const body = timeSchema.parse(req.body);
    const lineItemId = z.string().regex(/^gid:\/\/shopify\/LineItem\/\d+$/).parse(req.params.lineItemId);
    res.json(answer(await change(res, { lineItemId }, { kind: 'time_set', start: new Date(body.start), end: body.end ? new Date(body.end) : null }, undefined, 'Appointment time set by staff (the booking properties could not be read).')));
  });
  router.get('/bookings/review', async (_req, res) => {
    res.json({ items: await listBookingEventsForReview(deps.db.prisma, adminAuthOf(res.locals).shopId) });
  });
  router.post('/bookings/review/:id/assign', async (req, res) => {
    const { memberId } = z.object({ memberId: idSchema }).strict().parse(req.body);
    await assignBookingEventMember(deps.db, adminAuthOf(res.locals).shopId, idSchema.parse(req.params.id), memberId, new Date());
    res.json({ ok: true });
  });

  const settingsView = async (shopId: string, integration?: BookingIntegration): Promise<BookingSettingsView> => {
    const current = integration ?? (await ensureBookingIntegration(deps.db.prisma, shopId, boxes));
    const endpointUrl = `${deps.appUrl}/booking-events/${current.endpointKey}`;
    return {
      ...(await readBookingSettings(deps.db.prisma, shopId)), endpointUrl, acuityEndpointUrl: `${endpointUrl}/acuity`, secret: current.secret,
      acuityUserId: current.acuityUserId, acuityConnected: current.acuityApiKey !== '',
    };
  };
  router.get('/bookings/settings', async (_req, res) => {
    res.json(await settingsView(adminAuthOf(res.locals).shopId));
  });
  router.put('/bookings/settings', async (req, res) => {
    const body = settingsSchema.parse(req.body);
    const shopId = adminAuthOf(res.locals).shopId;
    await saveBookingSettings(deps.db.prisma, shopId, { noShowOrderTag: body.noShowOrderTag, creditOnCheckIn: body.creditOnCheckIn });
    const integration = body.acuity ? await saveAcuityCredentials(deps.db.prisma, shopId, boxes, body.acuity) : undefined;
    res.json(await settingsView(shopId, integration));
  });
  router.post('/bookings/settings/secret', async (_req, res) => {
    const shopId = adminAuthOf(res.locals).shopId;
    res.json(await settingsView(shopId, await rotateBookingEventsSecret(deps.db.prisma, shopId, boxes)));
  });
  return router;
}
