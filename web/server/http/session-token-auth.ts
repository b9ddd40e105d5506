// Admin API authentication: `Authorization: Bearer <session token>` from App Bridge, nothing else.
// The token's signature (app secret), expiry and audience (API key) are checked; the shop comes
// from its `dest` claim and scopes every query that follows.
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
    let payload: { dest: string; sub?: string };
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
    try {
      const { shopId } = await deps.installer.ensureInstalled(shopDomain, token);
      res.locals.adminAuth = { shopId, shopDomain, userId: payload.sub ?? '' } satisfies AdminAuth;
      res.setHeader('Cache-Control', 'no-store');
      next();
    } catch (error) {
      next(error);
    }
  };
}
