import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

// App Bridge session tokens: HS256 JWTs signed with the app secret. Implemented with node:crypto
// rather than jose because jose 6 is ESM-only and Jest here runs CommonJS.

export interface MintSessionTokenOptions {
  shop: string;
  userId?: string | number;
  expiresInSeconds?: number;
  /** Unix seconds; defaults to now. */
  issuedAt?: number;
  aud?: string;
  secret?: string;
}

export interface SessionTokenPayload {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
}

const base64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

export function mintSessionToken(apiKey: string, apiSecret: string, options: MintSessionTokenOptions): string {
  const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const payload: SessionTokenPayload = {
    iss: `https://${options.shop}/admin`,
    dest: `https://${options.shop}`,
    aud: options.aud ?? apiKey,
    sub: String(options.userId ?? 1),
    exp: iat + (options.expiresInSeconds ?? 60),
    nbf: iat,
    iat,
    jti: randomUUID(),
    sid: randomBytes(16).toString('hex'),
  };
  const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}`;
  const signature = createHmac('sha256', options.secret ?? apiSecret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/** Verifies signature, audience and time window (5 s clock leeway, as Shopify's libraries allow). */
export function verifySessionToken(token: string, apiKey: string, apiSecret: string, nowSeconds: number): SessionTokenPayload | null {
  const [header, body, signature] = token.split('.');
  if (!header || !body || !signature) return null;
  try {
    const parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    if (parsedHeader.alg !== 'HS256') return null;
    const expected = createHmac('sha256', apiSecret).update(`${header}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionTokenPayload;
    const leeway = 5;
    if (payload.aud !== apiKey) return null;
    if (typeof payload.exp !== 'number' || payload.exp + leeway < nowSeconds) return null;
    if (typeof payload.nbf === 'number' && payload.nbf - leeway > nowSeconds) return null;
    return payload;
  } catch {
    return null;
  }
}
