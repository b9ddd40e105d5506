// Demo mode only: hands the local App Bridge stand-in a session token for the demo shop, signed with the
// app secret exactly as Shopify signs them, so the admin UI runs at localhost without Shopify.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { SignJWT } from 'jose';

export async function mintSessionToken(options: { shop: string; apiKey: string; apiSecret: string; userId?: string; ttlSeconds?: number; now?: Date }): Promise<string> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ dest: `https://${options.shop}`, sid: randomUUID() })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(`https://${options.shop}/admin`)
    .setAudience(options.apiKey)
    .setSubject(options.userId ?? '1')
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + (options.ttlSeconds ?? 60))
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(options.apiSecret));
}

export function createDemoRouter(options: { shop: string; apiKey: string; apiSecret: string; locale?: string }): Router {
  const router = Router();
  router.get('/demo/session-token', async (req, res) => {
    const token = await mintSessionToken({ shop: options.shop, apiKey: options.apiKey, apiSecret: options.apiSecret });
    const locale = typeof req.query.locale === 'string' ? req.query.locale : options.locale ?? 'en';
    res.setHeader('Cache-Control', 'no-store');
    res.json({ token, shop: options.shop, locale });
  });
  return router;
}
