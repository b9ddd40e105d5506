import { createHmac, timingSafeEqual } from 'node:crypto';

// A SHA-256 HMAC in standard base64: 43 characters and one "=" pad. Node's base64 decoder is lenient
// (it accepts base64url, skips junk and stops at the first "="), so without this check a session
// token's own signature (base64url) plus trailing characters verified its header and payload as a body.
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/** Shopify signs the exact raw body: base64 HMAC-SHA256 with the app secret, compared in constant time. */
export function verifyWebhookHmac(rawBody: Buffer, hmacHeader: string | undefined, secret: string): boolean {
  if (!hmacHeader || !BASE64_SHA256.test(hmacHeader)) return false;
  const received = Buffer.from(hmacHeader, 'base64');
  // The last character holds 2 unused bits: only the canonical encoding of the 32 bytes is accepted.
  if (received.toString('base64') !== hmacHeader) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(received, expected);
}
