// GET /proxy/program (storefront: /apps/loyalty/program): the public "how to earn" rules for the
// theme widget. Signed by Shopify like every app-proxy call; open to guests.
import { Router } from 'express';
import type { ProgramView } from '../../../contracts/storefront-api';
import type { Db } from '../../../core/db-client';
import { readPublicProgram } from '../../../core/programme/read-public-program';
import { appProxyAuthOf, verifyAppProxy } from '../verify-app-proxy';

export function createProgramProxyRouter(deps: { db: Db; apiSecret: string }): Router {
  const router = Router();
  router.get('/proxy/program', verifyAppProxy({ db: deps.db, apiSecret: deps.apiSecret }), async (_req, res) => {
    const auth = appProxyAuthOf(res.locals);
    res.json({ ...(await readPublicProgram(deps.db.prisma, auth.shopId, auth.shopCurrency)), signedIn: auth.customerGid !== null } satisfies ProgramView);
  });
  return router;
}
