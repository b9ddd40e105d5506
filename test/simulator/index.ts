// The local Shopify: a real HTTP server the app talks to in demo mode and tests.
export { startShopifySimulator, type ShopifySimulator, type SimulatorOptions } from './start-shopify-simulator';
export { orderWebhookPayload, customerWebhookPayload } from './webhook-payloads';
export { DEMO_SHOP_DOMAIN, type SeedDemoShopOptions } from './seed-demo-shop';
export { computeAppProxySignature } from './app-proxy-signature';
export { webhookHmac } from './send-webhook';
export type { FaultSpec, FaultKind } from './faults';
export type { GraphqlRequestLogEntry } from './admin-graphql-route';
export type * from './shop-state';
export { placeOrder, type PlaceOrderInput } from './place-order';
