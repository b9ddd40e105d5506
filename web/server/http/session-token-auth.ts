// Admin API authentication: `Authorization: Bearer <session token>` from App Bridge, nothing else.
// The token's signature (app secret), expiry and audience (API key) are checked; the shop comes
// from its `dest` claim and scopes every query that follows. Customer-account and checkout extensions
// get tokens signed with the same secret and audience, so the token must also look like an admin one:
// issued by `https://<shop>/admin` for the same shop, with a session id and a numeric staff user `sub`
// (a customer's token carries a Customer GID there and would otherwise pass as staff).
import type { RequestHandler } from 'express';
import { AppError } from '../../core/errors/app-error';
import type { ShopInstaller } from '../auth/shop-installer';
import type { ShopifyApi } from '../shopify';

export interface AdminAuth {
  shopId: string;
  shopDomain: string;
  /** Shopify staff user id (the token's `sub`) */
  userId: string;
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function adminAuthOf(locals: Record<string, unknown>): AdminAuth {
  const auth = locals.adminAuth as AdminAuth | undefined;
  if (!auth) throw new AppError('UNAUTHORIZED', 'Authentication required.');
  return auth;
}

export function requireSessionToken(deps: { shopify: ShopifyApi; installer: ShopInstaller }): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      next(new AppError('UNAUTHORIZED', 'A session token is required (Authorization: Bearer <token>).'));
      return;
    }
    const token = match[1]!;
    let payload: { iss?: unknown; dest: string; sub?: unknown; sid?: unknown };
    try {
      payload = await deps.shopify.session.decodeSessionToken(token, { checkAudience: true });
    } catch {
      next(new AppError('UNAUTHORIZED', 'The session token is invalid or expired.'));
      return;
    }
    let shopDomain: string;
    try {
      shopDomain = new URL(payload.dest).hostname;
    } catch {
      shopDomain = '';
    }
    if (!SHOP_DOMAIN.test(shopDomain)) {
      next(new AppError('UNAUTHORIZED', 'The session token does not name a shop.'));
      return;
    }
    if (!isAdminTokenShape(payload, shopDomain)) {
      next(new AppError('UNAUTHORIZED', 'The session token is not a staff token.'));
      return;
    }
    try {
      const { shopId } = await deps.installer.ensureInstalled(shopDomain, token);
      res.locals.adminAuth = { shopId, shopDomain, userId: payload.sub as string } satisfies AdminAuth;
      res.setHeader('Cache-Control', 'no-store');
      next();
    } catch (error) {
      next(error);
    }
  };
}

const STAFF_USER_ID = /^\d{1,20}$/;

/** An admin (App Bridge) token: `iss` is the same shop's /admin, `sid` is present, `sub` a numeric user id. */
export function isAdminTokenShape(payload: { iss?: unknown; sub?: unknown; sid?: unknown }, shopDomain: string): boolean {
  return payload.iss === `https://${shopDomain}/admin`
    && typeof payload.sid === 'string' && payload.sid.length > 0
    && typeof payload.sub === 'string' && STAFF_USER_ID.test(payload.sub);
}
