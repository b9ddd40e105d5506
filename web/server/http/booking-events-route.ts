// POST /booking-events/:key (our signed format) and POST /booking-events/:key/acuity (Acuity
// Scheduling's notifications): verify the signature on the raw body before parsing anything, store the
// event with its processing task, answer 200. docs/booking-events.md is the contract for senders.
import { createHash } from 'node:crypto';
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { bookingEventSchema } from '../../core/bookings/booking-event-input';
import { findBookingIntegration } from '../../core/bookings/booking-integration-store';
import { recordInboundBookingEvent } from '../../core/bookings/inbound-booking-events';
import { verifyBookingEventSignature } from '../../core/bookings/verify-booking-signature';
import { containsNulByte } from '../../core/text/nul-bytes';
import type { Db } from '../../core/db-client';
import { bookingIntegrationBoxes } from '../booking-events/booking-integration-boxes';
import { parseAcuityNotification } from '../booking-events/acuity-notification';
import { verifyWebhookHmac } from './verify-webhook-hmac';

const keySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

export function createBookingEventsRouter(deps: { db: Db; encryptionKey: string; bodyLimit: string; now?: () => Date }): Router {
  const router = Router();
  const boxes = bookingIntegrationBoxes(deps.encryptionKey);
  const now = deps.now ?? (() => new Date());
  const raw = express.raw({ type: () => true, limit: deps.bodyLimit });
  const integrationOf = async (key: unknown) => {
    const parsed = keySchema.safeParse(key);
    return parsed.success ? findBookingIntegration(deps.db.prisma, parsed.data, boxes) : null;
  };

  router.post('/booking-events/:key', raw, async (req, res) => {
    const integration = await integrationOf(req.params.key);
    if (!integration) return refuse(res, 404, 'NOT_FOUND', 'No booking-events endpoint has this key.');
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const check = verifyBookingEventSignature(rawBody, { signature: req.get('x-loyalty-signature'), timestamp: req.get('x-loyalty-timestamp') }, integration.secret, now());
    if (!check.ok) {
      return refuse(res, 401, 'UNAUTHORIZED', check.reason === 'stale_timestamp'
        ? 'The X-Loyalty-Timestamp is outside the 5-minute replay window.'
        : 'The booking event signature does not verify.');
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return refuse(res, 400, 'VALIDATION', 'The body is not JSON.');
    }
    // PostgreSQL cannot store a NUL character (see core/text/nul-bytes): refused here, on both databases.
    const event = bookingEventSchema.safeParse(json);
    if (!event.success || containsNulByte(json)) {
      return refuse(res, 400, 'VALIDATION', 'The booking event is not valid.');
    }
    const { duplicate } = await recordInboundBookingEvent(deps.db, {
      shopId: integration.shopId, shopDomain: integration.shopDomain, provider: 'generic', eventId: event.data.id, payload: rawBody.toString('utf8'),
    }, now());
    res.status(200).json({ ok: true, duplicate });
  });

  router.post('/booking-events/:key/acuity', raw, async (req, res) => {
    const integration = await integrationOf(req.params.key);
    if (!integration) return refuse(res, 404, 'NOT_FOUND', 'No booking-events endpoint has this key.');
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!integration.acuityApiKey || !verifyWebhookHmac(rawBody, req.get('x-acuity-signature'), integration.acuityApiKey)) {
      return refuse(res, 401, 'UNAUTHORIZED', 'The Acuity signature does not verify.');
    }
    let notification;
    if (rawBody.includes(0)) return refuse(res, 400, 'VALIDATION', 'The Acuity notification contains a NUL byte.');
    try {
      notification = parseAcuityNotification(rawBody.toString('utf8'));
    } catch {
      return refuse(res, 400, 'VALIDATION', 'The Acuity notification is not valid.');
    }
    // Acuity sends no event id or timestamp. Its retries of one notification within a minute are one event;
    // processing reads the appointment's current state, so a later repeat only applies that state again.
    const minute = Math.floor(now().getTime() / 60_000);
    const digest = createHash('sha256').update(rawBody).digest('hex').slice(0, 16);
    const { duplicate } = await recordInboundBookingEvent(deps.db, {
      shopId: integration.shopId, shopDomain: integration.shopDomain, provider: 'acuity',
      eventId: `${notification.action}:${notification.id}:${minute}:${digest}`, payload: rawBody.toString('utf8'),
    }, now());
    res.status(200).json({ ok: true, duplicate });
  });
  return router;
}
