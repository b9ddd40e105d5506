import { signBookingEvent, verifyBookingEventSignature } from '../../../web/core/bookings/verify-booking-signature';
import { bookingEventSchema } from '../../../web/core/bookings/booking-event-input';

const secret = 'bes_0123456789abcdef';
const body = Buffer.from('{"id":"evt_1"}');
const now = new Date('2026-11-26T12:00:00Z');
const ts = Math.floor(now.getTime() / 1000);

describe('verifyBookingEventSignature', () => {
  it('accepts the signature of the timestamp and the exact body', () => {
    expect(verifyBookingEventSignature(body, { signature: signBookingEvent(secret, ts, body), timestamp: String(ts) }, secret, now)).toEqual({ ok: true });
  });

  it('refuses a body changed by one byte, another secret, or a missing header', () => {
    const signature = signBookingEvent(secret, ts, body);
    expect(verifyBookingEventSignature(Buffer.from('{"id":"evt_2"}'), { signature, timestamp: String(ts) }, secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyBookingEventSignature(body, { signature, timestamp: String(ts) }, 'bes_other', now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyBookingEventSignature(body, { timestamp: String(ts) }, secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyBookingEventSignature(body, { signature: signature.toUpperCase(), timestamp: String(ts) }, secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a timestamp moved after signing (it is signed too)', () => {
    expect(verifyBookingEventSignature(body, { signature: signBookingEvent(secret, ts - 600, body), timestamp: String(ts) }, secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a correct signature older or newer than 5 minutes, accepts it at 5 minutes', () => {
    for (const skew of [-301, 301]) {
      expect(verifyBookingEventSignature(body, { signature: signBookingEvent(secret, ts + skew, body), timestamp: String(ts + skew) }, secret, now)).toEqual({ ok: false, reason: 'stale_timestamp' });
    }
    expect(verifyBookingEventSignature(body, { signature: signBookingEvent(secret, ts - 300, body), timestamp: String(ts - 300) }, secret, now)).toEqual({ ok: true });
  });
});

describe('bookingEventSchema', () => {
  const valid = { id: 'e1', type: 'created', booking: { id: 'b1', start: '2026-11-27T10:00:00+01:00', customer: { shopifyCustomerId: '7001' } } };

  it('turns bare Shopify ids into GIDs and keeps them as text', () => {
    const parsed = bookingEventSchema.parse({ ...valid, booking: { ...valid.booking, customer: { shopifyCustomerId: '9007199254740993' }, service: { productId: 501 } } });
    expect(parsed.booking.customer.shopifyCustomerId).toBe('gid://shopify/Customer/9007199254740993');
    expect(parsed.booking.service.productId).toBe('gid://shopify/Product/501');
  });

  it('needs a customer identity, a known type and times with an offset', () => {
    expect(bookingEventSchema.safeParse({ ...valid, booking: { ...valid.booking, customer: { firstName: 'Anna' } } }).success).toBe(false);
    expect(bookingEventSchema.safeParse({ ...valid, type: 'moved' }).success).toBe(false);
    expect(bookingEventSchema.safeParse({ ...valid, booking: { ...valid.booking, start: '2026-11-27T10:00:00' } }).success).toBe(false);
    expect(bookingEventSchema.safeParse({ ...valid, booking: { ...valid.booking, start: 'Zebra 2026' } }).success).toBe(false);
    expect(bookingEventSchema.safeParse({ ...valid, booking: { ...valid.booking, customer: { shopifyCustomerId: 'gid://shopify/Order/1' } } }).success).toBe(false);
    expect(bookingEventSchema.safeParse({ ...valid, extra: true }).success).toBe(false);
    expect(bookingEventSchema.safeParse({ ...valid, booking: { ...valid.booking, end: '2026-11-27T09:59:00+01:00' } }).success).toBe(false);
  });
});
