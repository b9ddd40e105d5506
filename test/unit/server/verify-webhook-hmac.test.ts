import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { verifyWebhookHmac } from '../../../web/server/http/verify-webhook-hmac';

const SECRET = 'test-api-secret-0123456789';
const body = Buffer.from('{"id":1}');
const digest = createHmac('sha256', SECRET).update(body).digest();
const base64 = digest.toString('base64');

describe('webhook HMAC verification', () => {
  it('accepts the exact standard base64 HMAC of the raw body', () => {
    expect(verifyWebhookHmac(body, base64, SECRET)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['the base64url spelling of the same bytes', digest.toString('base64url')],
    ['the base64 without its padding', base64.replace(/=$/, '')],
    ['trailing junk after the padding', `${base64}junk`],
    ['a second padding character', `${base64}=`],
    ['surrounding whitespace', ` ${base64}`],
    ['a non-canonical last character (same decoded bytes)', `${base64.slice(0, 42)}${String.fromCharCode(base64.charCodeAt(42) + 1)}=`],
    ['the hex spelling', digest.toString('hex')],
  ])('refuses %s', (_label, header) => {
    expect(verifyWebhookHmac(body, header, SECRET)).toBe(false);
  });

  it("refuses a session token's header and payload as a body signed by the token's own signature", async () => {
    const token = await new SignJWT({ dest: 'https://shop.myshopify.com' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
    const [header, payload, signature] = token.split('.') as [string, string, string];
    // base64url signature + the junk Node's decoder skips
    expect(verifyWebhookHmac(Buffer.from(`${header}.${payload}`), `${signature}=x`, SECRET)).toBe(false);
    expect(verifyWebhookHmac(Buffer.from(`${header}.${payload}`), signature, SECRET)).toBe(false);
  });
});
