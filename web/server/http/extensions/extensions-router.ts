// Routes that serve our Shopify extensions (extension/*): the storefront widget's public rules on
// the app proxy, and the checkout / customer-account API under /ext/customer. Registered in app.ts.
import { Router } from 'express';
import { createCustomerExtensionRouter, type CustomerExtensionDeps } from './customer-extension-route';
import { createProgramProxyRouter } from './program-proxy-route';

export function createExtensionsRouter(deps: CustomerExtensionDeps): Router {
  const router = Router();
  router.use(createProgramProxyRouter({ db: deps.db, apiSecret: deps.apiSecret }));
  router.use('/ext/customer', createCustomerExtensionRouter(deps));
  return router;
}
