import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Response } from 'express';
import { AccessTokenStore, type IssuedAccessToken } from './access-tokens';
import { createBulkResultHandler } from './bulk-operations';
import { createAdminGraphqlHandler, type GraphqlRequestLogEntry } from './admin-graphql-route';
import { signAppProxyQuery, type AppProxyParams } from './app-proxy-signature';
import { createShopState } from './create-shop-state';
import { FaultInjector } from './faults';
import { LeakyBucket } from './leaky-bucket';
import { loadAdminSchema, resolveSchemaPath, type LoadedSchema } from './load-admin-schema';
import { seedDemoShop, DEMO_SHOP_DOMAIN, type SeedDemoShopOptions } from './seed-demo-shop';
import { sendWebhook, type SendWebhookOptions, type SendWebhookResult } from './send-webhook';
import { mintSessionToken, type MintSessionTokenOptions } from './session-token';
import type { ShopSettings, ShopState } from './shop-state';
import { createTokenExchangeHandler } from './token-exchange-route';

export interface SimulatorOptions {
  /** 0 = random free port (default). Always listens on 127.0.0.1. */
  port?: number;
  /** The app's client id (session token `aud`). */
  apiKey: string;
  /** Signs session tokens, webhooks and app-proxy queries. */
  apiSecret: string;
  /** Webhooks go to `${appUrl}/webhooks`. */
  appUrl?: string;
  /** Admin schema SDL (`.gz` is inflated); default env SHOPIFY_SCHEMA_PATH, else the copy in shopify-contract/. */
  schemaPath?: string;
  /** Cost points restored per second (default 100, Standard plan). */
  restoreRate?: number;
  /** Bucket size in cost points (default 1000). */
  maximumAvailable?: number;
  /** Scopes reported by token exchange. */
  scopes?: string;
  /** Clock for created/updated timestamps (default: real time). */
  now?: () => Date;
}

export interface ShopifySimulator {
  url: string;
  close(): Promise<void>;
  setAppUrl(url: string): void;
  addShop(domain: string, settings: ShopSettings): ShopState;
  shop(domain: string): ShopState;
  seedDemoShop(domain?: string, options?: SeedDemoShopOptions): ShopState;
  mintSessionToken(options: MintSessionTokenOptions): string;
  signAppProxyQuery(params: AppProxyParams): AppProxyParams & { signature: string };
  sendWebhook(options: SendWebhookOptions): Promise<SendWebhookResult>;
  issueAccessToken(shop: string, kind?: 'offline' | 'online'): string;
  /** Builds the schema now (otherwise on the first GraphQL request); returns the build time. */
  warmSchema(): LoadedSchema;
  faults: FaultInjector;
  requests: GraphqlRequestLogEntry[];
  accessTokens: Map<string, IssuedAccessToken>;
}

export async function startShopifySimulator(opts: SimulatorOptions): Promise<ShopifySimulator> {
  const shops = new Map<string, ShopState>();
  const tokens = new AccessTokenStore();
  const faults = new FaultInjector();
  const requests: GraphqlRequestLogEntry[] = [];
  const heldResponses = new Set<Response>();
  const buckets = new Map<string, LeakyBucket>();
  const schemaPath = resolveSchemaPath(opts.schemaPath);
  const now = opts.now ?? (() => new Date());
  let appUrl = opts.appUrl;
  const bucketFor = (shop: string): LeakyBucket => {
    let bucket = buckets.get(shop);
    if (!bucket) {
      bucket = new LeakyBucket(opts.maximumAvailable ?? 1000, opts.restoreRate ?? 100);
      buckets.set(shop, bucket);
    }
    return bucket;
  };

  const app = express();
  app.use(express.json({ limit: '5mb' }));
  app.use(express.urlencoded({ extended: false }));
  const graphql = createAdminGraphqlHandler({
    shops,
    tokens,
    faults,
    requests,
    loadSchema: () => loadAdminSchema(schemaPath),
    bucketFor,
    now,
    heldResponses,
  });
  app.post('/admin/api/:version/graphql.json', graphql);
  app.post('/shops/:shop/admin/api/:version/graphql.json', graphql);
  app.get('/bulk-operations/:shop/:file', createBulkResultHandler(shops));
  // The app reaches https://{shop}/admin/... as {url}/shops/{shop}/admin/...; the shop itself comes from the token.
  app.post(
    ['/admin/oauth/access_token', '/shops/:shop/admin/oauth/access_token'],
    createTokenExchangeHandler({
      apiKey: opts.apiKey,
      apiSecret: opts.apiSecret,
      scopes: opts.scopes ?? 'read_products,read_customers,write_customers,read_orders,write_gift_cards,read_gift_cards,write_store_credit_account_transactions,read_store_credit_accounts',
      shops,
      tokens,
    }),
  );

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const getShop = (domain: string): ShopState => {
    const shop = shops.get(domain);
    if (!shop) throw new Error(`simulator has no shop ${domain}; call addShop first`);
    return shop;
  };
  const addShop = (domain: string, settings: ShopSettings): ShopState => {
    if (shops.has(domain)) throw new Error(`shop ${domain} already exists`);
    const shop = createShopState(domain, settings);
    shops.set(domain, shop);
    return shop;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const res of heldResponses) res.socket?.destroy();
      heldResponses.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    setAppUrl: (url) => {
      appUrl = url;
    },
    addShop,
    shop: getShop,
    seedDemoShop: (domain = DEMO_SHOP_DOMAIN, options = {}) => seedDemoShop(shops.get(domain) ?? addShop(domain, {
      name: 'Demo Salon & Studio',
      currencyCode: 'EUR',
      ianaTimezone: 'Europe/Amsterdam',
      primaryLocale: 'en',
      giftCardIssueLimit: '2000.00',
      giftCardPurchaseLimit: '5000.00',
    }), options),
    mintSessionToken: (options) => mintSessionToken(opts.apiKey, opts.apiSecret, options),
    signAppProxyQuery: (params) => signAppProxyQuery(params, opts.apiSecret),
    sendWebhook: (options) => {
      if (!appUrl) throw new Error('appUrl is not set; pass it to startShopifySimulator or call setAppUrl');
      return sendWebhook(appUrl, opts.apiSecret, options);
    },
    issueAccessToken: (shop, kind = 'offline') => {
      getShop(shop);
      return tokens.issue(shop, kind).token;
    },
    warmSchema: () => loadAdminSchema(schemaPath),
    faults,
    requests,
    accessTokens: tokens.issued,
  };
}
