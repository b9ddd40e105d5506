// The one place @shopify/shopify-api is configured. In demo mode and tests every call that would go to
// https://{shop}/admin/... is sent to the local Shopify simulator instead (the library forces https).
import '@shopify/shopify-api/adapters/node';
import { ApiVersion, LogSeverity, shopifyApi, type Shopify } from '@shopify/shopify-api';
import { abstractFetch, setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import type { AppConfig } from '../runtime/config';
import type { Logger } from '../runtime/logger';

export type ShopifyApi = Shopify;

const originalFetch = abstractFetch;

/** https://{shop}/admin/... -> {simulatorUrl}/shops/{shop}/admin/... */
export function simulatorUrlFor(simulatorUrl: string, url: string): string {
  const parsed = new URL(url);
  if (!parsed.hostname.endsWith('.myshopify.com')) return url;
  return `${simulatorUrl}/shops/${parsed.hostname}${parsed.pathname}${parsed.search}`;
}

export function routeShopifyCallsTo(simulatorUrl: string | undefined): void {
  if (!simulatorUrl) {
    setAbstractFetchFunc(originalFetch);
    return;
  }
  setAbstractFetchFunc((input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    return originalFetch(simulatorUrlFor(simulatorUrl, url), init);
  });
}

export function createShopifyApi(config: AppConfig, logger: Logger): ShopifyApi {
  routeShopifyCallsTo(config.shopify.simulatorUrl);
  const appUrl = new URL(config.shopify.appUrl);
  const apiVersion = Object.values(ApiVersion).includes(config.shopify.apiVersion as ApiVersion)
    ? (config.shopify.apiVersion as ApiVersion)
    : ApiVersion.July26;
  return shopifyApi({
    apiKey: config.shopify.apiKey,
    apiSecretKey: config.shopify.apiSecret,
    scopes: config.shopify.scopes,
    hostName: appUrl.host,
    hostScheme: appUrl.protocol === 'http:' ? 'http' : 'https',
    apiVersion,
    isEmbeddedApp: true,
    logger: {
      level: LogSeverity.Warning,
      httpRequests: false,
      timestamps: false,
      log: async (severity, message) => {
        if (severity <= LogSeverity.Warning) logger.warn({ source: 'shopify-api' }, message);
      },
    },
  });
}
