// Who the admin UI is talking to: the user's role and limit, and the shop's name, currency and locale.
import { Router } from 'express';
import type { Db } from '../../../core/db-client';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

export function createMeRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/me', async (_req, res) => {
    const { shopId, shopDomain } = adminAuthOf(res.locals);
    const staff = staffOf(res.locals);
    const shop = await deps.db.prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { name: true, currency: true, primaryLocale: true, ianaTimezone: true } });
    res.json({
      userId: staff.userId,
      name: staff.name,
      role: staff.role,
      adjustLimit: staff.adjustLimit,
      locationIds: staff.locationIds,
      shop: { name: shop.name, domain: shopDomain, currency: shop.currency, locale: shop.primaryLocale, timezone: shop.ianaTimezone },
    });
  });
  return router;
}
