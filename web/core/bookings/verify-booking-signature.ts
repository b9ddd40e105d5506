// Signed booking events: HMAC-SHA256 over "<timestamp>.<raw body>" with the shop's booking-events
// secret, hex, in `X-Loyalty-Signature: sha256=<hex>`; the timestamp (unix seconds) in
// `X-Loyalty-Timestamp`. Signing the timestamp with the body lets a captured request be refused once
// it is older than the replay window; the event id deduplicates redeliveries inside it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const REPLAY_WINDOW_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'bad_signature' | 'stale_timestamp' };

export function signBookingEvent(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

export function verifyBookingEventSignature(rawBody: Buffer, headers: { signature?: string; timestamp?: string }, secret: string, now: Date): SignatureCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp) || !/^sha256=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'bad_signature' };
  const expected = Buffer.from(signBookingEvent(secret, Number(timestamp), rawBody));
  if (!timingSafeEqual(Buffer.from(signature), expected)) return { ok: false, reason: 'bad_signature' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > REPLAY_WINDOW_SECONDS) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}
