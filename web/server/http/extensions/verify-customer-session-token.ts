// Authenticates calls from our checkout and customer-account UI extensions. They send
// `Authorization: Bearer <session token>`: a JWT Shopify signs with our app secret (HS256) whose
// `aud` is our API key, `dest` the shop and, when the buyer is signed in, `sub` the customer's GID.
// `jose` (the library @shopify/shopify-api uses for admin tokens) checks the signature, the algorithm,
// audience, a required expiry and not-before (5 s leeway, as Shopify's libraries allow); we check that
// the shop has the app installed. The customer comes from `sub` only, never from a parameter.
import type { RequestHandler } from 'express';
import { jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '../../../core/errors/app-error';
import type { Db } from '../../../core/db-client';

export interface CustomerTokenAuth {
  shopId: string;
  shopDomain: string;
  shopCurrency: string;
  /** Customer GID, or null for a buyer who is not signed in */
  customerGid: string | null;
}

const LEEWAY_SECONDS = 5;
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/\d{1,20}$/;

/** The token's claims when it is genuine and current; null otherwise. */
export async function decodeCustomerSessionToken(token: string, apiKey: string, secretKey: Uint8Array, nowSeconds: number): Promise<JWTPayload | null> {
  try {
    const { payload } = await jwtVerify(token, secretKey, {
      algorithms: ['HS256'],
      audience: apiKey,
      requiredClaims: ['exp'],
      clockTolerance: LEEWAY_SECONDS,
      currentDate: new Date(nowSeconds * 1000),
    });
    return payload;
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
  const secretKey = new TextEncoder().encode(deps.apiSecret);
  return async (req, res, next) => {
    try {
      const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
      if (!match) throw new AppError('UNAUTHORIZED', 'A session token is required (Authorization: Bearer <token>).');
      const claims = await decodeCustomerSessionToken(match[1]!, deps.apiKey, secretKey, Math.floor(now() / 1000));
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
