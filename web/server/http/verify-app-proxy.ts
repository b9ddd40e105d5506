// Authenticates requests Shopify forwards through the app proxy (https://{shop}/apps/loyalty/* ->
// /proxy/*). Shopify signs the query: drop `signature`, render each key as `key=value` (repeated keys
// joined with ","), sort, concatenate, hex HMAC-SHA256 with the app secret. We compare in constant
// time, and also refuse a `timestamp` more than 5 minutes from our clock: Shopify signs each request
// as it forwards it, so an older one is a replayed URL (which would carry someone's customer id).
//
// Identity: the shop is the signed `shop`; the customer is the signed `logged_in_customer_id`
// (empty when nobody is signed in) — never a parameter of our own.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../core/errors/app-error';
import type { Db } from '../../core/db-client';

export interface AppProxyAuth {
  shopId: string;
  shopDomain: string;
  shopCurrency: string;
  /** Customer GID, or null when no customer is signed in */
  customerGid: string | null;
}

export const APP_PROXY_MAX_AGE_SECONDS = 300;
// Shopify sends each of these once. Repeated, the signature still covers them (joined with ","), but
// which value is "the" customer or shop would depend on the reader: refuse instead of guessing.
const SINGLE_VALUE_PARAMS = ['shop', 'logged_in_customer_id', 'timestamp', 'signature', 'path_prefix'] as const;
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const SHOP_CACHE_MS = 10_000;

/** The query as Shopify sent it, repeated keys kept together in order (Express' parser may differ). */
export function rawQueryParams(req: Pick<Request, 'originalUrl'> | { url?: string }): Map<string, string[]> {
  const url = ('originalUrl' in req ? req.originalUrl : req.url) ?? '';
  const queryString = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const params = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(queryString)) {
    const values = params.get(key);
    if (values) values.push(value);
    else params.set(key, [value]);
  }
  return params;
}

export function appProxySignature(params: Map<string, string[]>, apiSecret: string): string {
  const message = [...params.entries()]
    .filter(([key]) => key !== 'signature')
    .map(([key, values]) => `${key}=${values.join(',')}`)
    .sort()
    .join('');
  return createHmac('sha256', apiSecret).update(message).digest('hex');
}

export function appProxyAuthOf(locals: Record<string, unknown>): AppProxyAuth {
  const auth = locals.appProxy as AppProxyAuth | undefined;
  if (!auth) throw new AppError('UNAUTHORIZED', 'This request did not come through the shop.');
  return auth;
}

export function requireCustomer(auth: AppProxyAuth): string {
  if (!auth.customerGid) throw new AppError('UNAUTHORIZED', 'Please sign in to your customer account.');
  return auth.customerGid;
}

/**
 * Checks a proxied request's signed query and answers who is asking (throws AppError otherwise). The
 * shop row is cached for 10 s per process: every storefront request needs it.
 */
export function createAppProxyAuthenticator(deps: { db: Db; apiSecret: string; now?: () => number }): (params: Map<string, string[]>) => Promise<AppProxyAuth> {
  const shops = new Map<string, { value: { id: string; currency: string } | null; at: number }>();
  const now = deps.now ?? Date.now;
  return async (params) => {
    if (SINGLE_VALUE_PARAMS.some((key) => (params.get(key)?.length ?? 0) > 1)) {
      throw new AppError('UNAUTHORIZED', 'The request repeats a parameter Shopify sends once.');
    }
    const given = params.get('signature')?.[0] ?? '';
    const expected = appProxySignature(params, deps.apiSecret);
    const ok = /^[0-9a-f]{64}$/i.test(given) && timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), Buffer.from(expected, 'hex'));
    if (!ok) throw new AppError('UNAUTHORIZED', 'The request signature is not valid.');
    const timestamp = Number(params.get('timestamp')?.[0]);
    if (!Number.isFinite(timestamp) || Math.abs(now() / 1000 - timestamp) > APP_PROXY_MAX_AGE_SECONDS) {
      throw new AppError('UNAUTHORIZED', 'The request has expired.');
    }
    const shopDomain = params.get('shop')?.[0] ?? '';
    if (!SHOP_DOMAIN.test(shopDomain)) throw new AppError('UNAUTHORIZED', 'The request does not name a shop.');
    let cached = shops.get(shopDomain);
    if (!cached || now() - cached.at > SHOP_CACHE_MS) {
      const row = await deps.db.prisma.shop.findUnique({ where: { domain: shopDomain }, select: { id: true, currency: true, uninstalledAt: true } });
      cached = { value: row && !row.uninstalledAt ? { id: row.id, currency: row.currency } : null, at: now() };
      shops.set(shopDomain, cached);
    }
    if (!cached.value) throw new AppError('NOT_FOUND', 'This shop does not use the loyalty programme.');
    const customerId = params.get('logged_in_customer_id')?.[0] ?? '';
    if (customerId !== '' && !/^\d{1,20}$/.test(customerId)) throw new AppError('UNAUTHORIZED', 'The signed-in customer is not valid.');
    return {
      shopId: cached.value.id,
      shopDomain,
      shopCurrency: cached.value.currency,
      customerGid: customerId ? `gid://shopify/Customer/${customerId}` : null,
    };
  };
}

export function verifyAppProxy(deps: { db: Db; apiSecret: string; now?: () => number }): RequestHandler {
  const authenticate = createAppProxyAuthenticator(deps);
  return async (req, res, next) => {
    try {
      res.locals.appProxy = await authenticate(rawQueryParams(req));
      res.setHeader('Cache-Control', 'no-store');
      next();
    } catch (error) {
      next(error);
    }
  };
}
