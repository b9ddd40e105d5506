// Authenticates calls from our checkout and customer-account UI extensions. They send
// `Authorization: Bearer <session token>`: a JWT Shopify signs with our app secret (HS256) whose
// `aud` is our API key, `dest` the shop and, when the buyer is signed in, `sub` the customer's GID.
// We check the signature in constant time, the algorithm, audience, expiry and not-before (5 s
// leeway, as Shopify's libraries allow) and that the shop has the app installed. The customer comes
// from `sub` only, never from a parameter.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../../../core/errors/app-error';
import type { Db } from '../../../core/db-client';

export interface CustomerTokenAuth {
  shopId: string;
  shopDomain: string;
  shopCurrency: string;
  /** Customer GID, or null for a buyer who is not signed in */
  customerGid: string | null;
}

interface TokenClaims {
  aud?: unknown;
  dest?: unknown;
  sub?: unknown;
  exp?: unknown;
  nbf?: unknown;
}

const LEEWAY_SECONDS = 5;
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/\d{1,20}$/;

/** The token's claims when it is genuine and current; null otherwise. */
export function decodeCustomerSessionToken(token: string, apiKey: string, apiSecret: string, nowSeconds: number): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, body, signature] = parts as [string, string, string];
  try {
    const parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    if (parsedHeader.alg !== 'HS256') return null;
    const expected = createHmac('sha256', apiSecret).update(`${header}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(apiKey)) return null;
    if (typeof claims.exp !== 'number' || claims.exp + LEEWAY_SECONDS < nowSeconds) return null;
    if (typeof claims.nbf === 'number' && claims.nbf - LEEWAY_SECONDS > nowSeconds) return null;
    return claims;
  } catch {
    return null;
  }
}

/** `dest` is the shop's domain, with or without https:// depending on the surface. */
export function shopDomainOfDest(dest: unknown): string | null {
  if (typeof dest !== 'string') return null;
  let host = dest;
  if (dest.includes('://')) {
    try {
      host = new URL(dest).hostname;
    } catch {
      return null;
    }
  }
  host = host.toLowerCase();
  return SHOP_DOMAIN.test(host) ? host : null;
}

export function customerTokenAuthOf(locals: Record<string, unknown>): CustomerTokenAuth {
  const auth = locals.customerToken as CustomerTokenAuth | undefined;
  if (!auth) throw new AppError('UNAUTHORIZED', 'A session token is required.');
  return auth;
}

export function requireSignedInCustomer(auth: CustomerTokenAuth): string {
  if (!auth.customerGid) throw new AppError('UNAUTHORIZED', 'Please sign in to your customer account.');
  return auth.customerGid;
}

export function verifyCustomerSessionToken(deps: { db: Db; apiKey: string; apiSecret: string; now?: () => number }): RequestHandler {
  const now = deps.now ?? Date.now;
  return async (req, res, next) => {
    try {
      const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
      if (!match) throw new AppError('UNAUTHORIZED', 'A session token is required (Authorization: Bearer <token>).');
      const claims = decodeCustomerSessionToken(match[1]!, deps.apiKey, deps.apiSecret, Math.floor(now() / 1000));
      if (!claims) throw new AppError('UNAUTHORIZED', 'The session token is invalid or expired.');
      const shopDomain = shopDomainOfDest(claims.dest);
      if (!shopDomain) throw new AppError('UNAUTHORIZED', 'The session token does not name a shop.');
      const shop = await deps.db.prisma.shop.findUnique({ where: { domain: shopDomain }, select: { id: true, currency: true, uninstalledAt: true } });
      if (!shop || shop.uninstalledAt) throw new AppError('NOT_FOUND', 'This shop does not use the loyalty programme.');
      const customerGid = typeof claims.sub === 'string' && CUSTOMER_GID.test(claims.sub) ? claims.sub : null;
      res.locals.customerToken = { shopId: shop.id, shopDomain, shopCurrency: shop.currency, customerGid } satisfies CustomerTokenAuth;
      res.setHeader('Cache-Control', 'no-store');
      next();
    } catch (error) {
      next(error);
    }
  };
}
