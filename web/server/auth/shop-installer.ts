// Shopify-managed install: the first authenticated request from a shop we have no token for
// exchanges its session token for an offline access token and records the shop.
import { RequestedTokenType } from '@shopify/shopify-api';
import { AppError } from '../../core/errors/app-error';
import { startCustomerImportAfterInstall } from '../../core/imports/start-import';
import { saveInstalledShop } from '../../core/shops/save-installed-shop';
import { requestLocationSync } from '../../core/locations/request-location-sync';
import { enqueueTask } from '../../core/tasks/task-queue';
import { SYNC_CATALOG_TASK } from '../../core/tasks/task-kinds';
import type { AdminGraphqlClient } from '../../shopify-admin/admin-graphql-client';
import { fetchShopDetails } from '../../shopify-admin/shop-details';
import type { Prisma } from '../db/create-database';
import type { Logger } from '../../runtime/logger';
import type { ShopifyApi } from '../shopify';
import { loadOfflineSession, saveOfflineSession } from './offline-session-store';

export interface ShopInstaller {
  /** Returns the shop's id, installing it first when needed. */
  ensureInstalled(shopDomain: string, sessionToken: string): Promise<{ shopId: string }>;
}

export function createShopInstaller(deps: { prisma: Prisma; shopify: ShopifyApi; admin: AdminGraphqlClient; logger: Logger }): ShopInstaller {
  const inFlight = new Map<string, Promise<{ shopId: string }>>();

  async function install(shopDomain: string, sessionToken: string): Promise<{ shopId: string }> {
    let session;
    try {
      ({ session } = await deps.shopify.auth.tokenExchange({
        shop: shopDomain,
        sessionToken,
        requestedTokenType: RequestedTokenType.OfflineAccessToken,
      }));
    } catch (error) {
      const status = (error as { response?: { code?: number } }).response?.code;
      deps.logger.warn({ shop: shopDomain, status, err: error }, 'token exchange failed');
      // Shopify refuses the exchange for a shop that has not installed the app (or a revoked token).
      if (status !== undefined && status >= 400 && status < 500) throw new AppError('UNAUTHORIZED', 'Shopify did not accept this session for the app. Reinstall the app from Shopify admin.');
      throw new AppError('UPSTREAM', 'Shopify could not be reached to finish the installation. Please try again.');
    }
    const accessToken = session.accessToken;
    if (!accessToken) throw new Error('token exchange returned no access token');
    await saveOfflineSession(deps.prisma, { shop: shopDomain, accessToken, scope: session.scope ?? null });
    const details = await fetchShopDetails(deps.admin, shopDomain, accessToken);
    const saved = await saveInstalledShop(deps.prisma, { ...details, domain: shopDomain });
    // The catalogue is copied in the background: the first page load should not wait for it.
    await enqueueTask({ prisma: deps.prisma }, { shopDomain, kind: SYNC_CATALOG_TASK, reference: `${SYNC_CATALOG_TASK}:${shopDomain}:${Date.now()}`, payload: { shopDomain } });
    await requestLocationSync(deps.prisma, shopDomain);
    // The shop's existing customers become members in the background too (once per shop).
    await startCustomerImportAfterInstall({ prisma: deps.prisma }, saved.id, shopDomain);
    deps.logger.info({ shop: shopDomain }, 'shop installed');
    return { shopId: saved.id };
  }

  return {
    async ensureInstalled(shopDomain, sessionToken) {
      const shop = await deps.prisma.shop.findUnique({ where: { domain: shopDomain }, select: { id: true, uninstalledAt: true } });
      if (shop && !shop.uninstalledAt && (await loadOfflineSession(deps.prisma, shopDomain))) return { shopId: shop.id };
      // Several first requests arrive together when the admin opens the app: exchange the token once.
      const pending = inFlight.get(shopDomain) ?? install(shopDomain, sessionToken).finally(() => inFlight.delete(shopDomain));
      inFlight.set(shopDomain, pending);
      return pending;
    },
  };
}
