// createApp(deps) builds the app's request listener (Express behind the early storefront read) without listening, so tests drive it with supertest.
import express, { type Express, type Router } from 'express';
import type { Db } from '../core/db-client';
import type { ShopInstaller } from './auth/shop-installer';
import type { AppConfig } from '../runtime/config';
import { DEMO_SHOP_DOMAIN } from '../runtime/config';
import { createAdminFrontendRouter } from './http/admin-frontend';
import { createAppointmentIssuesRouter } from './http/admin/appointment-issues-route';
import { createBookingsRouter } from './http/admin/bookings-route';
import { createConsentsRouter } from './http/admin/consents-route';
import { createMessageLogRouter } from './http/admin/message-log-route';
import { createBulkMessagesRouter } from './http/admin/bulk-messages-route';
import { createStaffAlertsRouter } from './http/admin/staff-alerts-route';
import { createImportsRouter } from './http/admin/imports-route';
import { createMessageTemplatesRouter } from './http/admin/message-templates-route';
import { createSmtpSettingsRouter } from './http/admin/smtp-settings-route';
import { createBookingPropertiesTestRouter } from './http/admin/booking-properties-test-route';
import { createDashboardRouter } from './http/admin/dashboard-route';
import { createEarnMultipliersRouter } from './http/admin/earn-multipliers-route';
import { createGroupsRouter } from './http/admin/groups-route';
import { createCampaignsRouter } from './http/admin/campaigns-route';
import { createPointsExpiryRouter } from './http/admin/points-expiry-route';
import { createFailedDeliveriesRouter } from './http/admin/failed-deliveries-route';
import { createGroupPreviewRouter } from './http/admin/group-preview-route';
import { createTaskQueueRouter } from './http/admin/task-queue-route';
import { queueDepthByKind, queueDepthMetrics, readQueueDepth } from '../core/tasks/read-queue-depth';
import { createProductLoyaltyRouter } from './http/admin/product-loyalty-route';
import { createProgramSettingsRouter } from './http/admin/program-settings-route';
import { createMeRouter } from './http/admin/me-route';
import { createLocationsRouter } from './http/admin/locations-route';
import { createMembersRouter } from './http/admin/members-route';
import { createProductsRouter } from './http/admin/products-route';
import { createReportRouter } from './http/admin/report-route';
import { createStaffRouter } from './http/admin/staff-route';
import { createSetupGuideRouter } from './http/admin/setup-guide-route';
import { attachStaffMember } from './http/staff-access';
import { refuseNulBytes } from './http/refuse-nul-bytes';
import { authorizeAdminRoute } from './http/authorize-admin-route';
import { adminRoutePolicies } from './http/admin/admin-route-policies';
import { createDemoRouter } from './http/demo-routes';
import { createErrorHandler, notFoundHandler } from './http/error-handler';
import { requireSessionToken } from './http/session-token-auth';
import { createWebhooksHandler } from './http/webhooks-route';
import { createBookingEventsRouter } from './http/booking-events-route';
import type { Logger } from '../runtime/logger';
import type { ShopifyApi } from './shopify';
import { AdminGraphqlClient } from '../shopify-admin/admin-graphql-client';
import { mountCustomerProxyRoutes } from './http/proxy/customer-proxy-route';
import { createStorefrontBalanceHandler } from './http/proxy/storefront-balance-route';
import { answerBeforeExpress, type AppListener } from './http/before-express';
import { createExtensionsRouter } from './http/extensions/extensions-router';
import { createRewardsRouter } from './http/admin/rewards-route';
import { GiftCardIssueLimitCache } from './rewards/gift-card-issue-limit';
import { giftCardCodeBox } from '../runtime/redemption-workflow-deps';

export interface AppDeps {
  config: AppConfig;
  db: Db;
  shopify: ShopifyApi;
  installer: ShopInstaller;
  logger: Logger;
  /** Extra admin API routers (mounted under /api after authentication). */
  adminRouters?: Router[];
  /** Demo-mode routers (test bookings), mounted before the admin UI. */
  demoRouters?: Router[];
  frontendDistDir?: string;
  /** Admin GraphQL client for rewards (default: one built from the config) */
  admin?: AdminGraphqlClient;
}

export function createApp(deps: AppDeps): AppListener {
  const { config, db, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  // Browsers must not guess a type other than the one we send (a JSON answer rendered as HTML).
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  // URLs here; JSON bodies again after each body parser.
  app.use(refuseNulBytes);

  app.get('/healthz', async (_req, res) => {
    try {
      // Reading the queue is also the database check.
      const queue = queueDepthByKind(await readQueueDepth(db));
      res.json({ status: 'ok', demoMode: config.demoMode, database: { kind: db.kind, status: 'up' }, queue });
    } catch (error) {
      logger.error({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'error', demoMode: config.demoMode, database: { kind: db.kind, status: 'down' } });
    }
  });

  // Prometheus text: task backlog per shop and kind (for the operator's scraper, like /healthz unauthenticated).
  app.get('/metrics', async (_req, res) => {
    res.type('text/plain; version=0.0.4').send(queueDepthMetrics(await readQueueDepth(db)));
  });

  const admin = deps.admin ?? new AdminGraphqlClient({ apiVersion: config.shopify.apiVersion, simulatorUrl: config.shopify.simulatorUrl });
  const codeBox = giftCardCodeBox(config.encryptionKey);
  // Storefront (app proxy): signed by Shopify, customer = logged_in_customer_id. Mounted first, as
  // plain routes on the app rather than a nested router: it is the busiest path (every storefront page
  // view with the widget), and each router level costs allocations the garbage collector pays for.
  mountCustomerProxyRoutes(app, '/proxy', { db, admin, codeBox, logger, apiSecret: config.shopify.apiSecret, bodyLimit: config.bodyLimit });

  // Booking events need the raw body for their signature, so they are mounted before any JSON parser.
  app.use(createBookingEventsRouter({ db, encryptionKey: config.encryptionKey, bodyLimit: config.bodyLimit }));
  app.use(createExtensionsRouter({ db, admin, codeBox, logger, apiKey: config.shopify.apiKey, apiSecret: config.shopify.apiSecret, bodyLimit: config.bodyLimit }));

  const api = express.Router();
  // A balance file from another loyalty app (100,000 rows is a few MB) may exceed the general body limit.
  api.use('/imports/balances', express.json({ limit: '25mb' }));
  api.use(express.json({ limit: config.bodyLimit }), refuseNulBytes);
  api.use(requireSessionToken({ shopify: deps.shopify, installer: deps.installer }));
  api.use(attachStaffMember({ db, demoMode: config.demoMode }));
  api.use(authorizeAdminRoute({ db, logger, policies: adminRoutePolicies }));
  api.use(createDashboardRouter({ db }));
  api.use(createProgramSettingsRouter({ db }));
  api.use(createProductLoyaltyRouter({ db }));
  api.use(createFailedDeliveriesRouter({ db }));
  api.use(createTaskQueueRouter({ db }));
  api.use(createAppointmentIssuesRouter({ db }));
  api.use(createBookingsRouter({ db, encryptionKey: config.encryptionKey, appUrl: config.shopify.appUrl }));
  api.use(createMeRouter({ db }));
  api.use(createSetupGuideRouter({ db, appEmailServer: Boolean(config.smtp.host) || config.demoMode /* demo mode: the catcher */ }));
  api.use(createStaffRouter({ db }));
  api.use(createMembersRouter({ db }));
  api.use(createLocationsRouter({ db }));
  api.use(createReportRouter({ db, logger, databaseUrl: config.database.url }));
  api.use(createProductsRouter({ db }));
  api.use(createRewardsRouter({ db, admin, codeBox, logger, issueLimits: new GiftCardIssueLimitCache({ db, admin }) }));
  api.use(createEarnMultipliersRouter({ db }));
  api.use(createGroupsRouter({ db }));
  api.use(createCampaignsRouter({ db }));
  api.use(createPointsExpiryRouter({ db }));
  api.use(createBookingPropertiesTestRouter({ db }));
  api.use(createMessageTemplatesRouter({ db }));
  api.use(createSmtpSettingsRouter({ db, config }));
  api.use(createConsentsRouter({ db }));
  api.use(createMessageLogRouter({ db }));
  api.use(createBulkMessagesRouter({ db, config }));
  api.use(createStaffAlertsRouter({ db }));
  api.use(createImportsRouter({ db }));
  api.use(createGroupPreviewRouter({ db }));
  for (const router of deps.adminRouters ?? []) api.use(router);
  api.use(notFoundHandler);
  app.use('/api', api);

  if (config.demoMode) {
    app.use(createDemoRouter({ shop: DEMO_SHOP_DOMAIN, apiKey: config.shopify.apiKey, apiSecret: config.shopify.apiSecret }));
    for (const router of deps.demoRouters ?? []) app.use(router);
  }
  app.use(createAdminFrontendRouter({ apiKey: config.shopify.apiKey, demoMode: config.demoMode, distDir: deps.frontendDistDir }));
  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return answerBeforeExpress(app, [
    createStorefrontBalanceHandler({ db, apiSecret: config.shopify.apiSecret, logger }),
    // Webhooks need the raw body for the HMAC; they never reach Express's parsers.
    createWebhooksHandler({ db, apiSecret: config.shopify.apiSecret, bodyLimit: config.bodyLimit, logger }),
  ]);
}
