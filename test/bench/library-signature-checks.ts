// `npx tsx test/bench/library-signature-checks.ts`: CPU per call of our webhook-HMAC and app-proxy checks
// against @shopify/shopify-api's (docs/architecture.md, "Authentication through libraries"). No database.
// Compare the ratio within one run: absolute figures move with the machine's load.
import '@shopify/shopify-api/adapters/node';
import { createHmac } from 'node:crypto';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { appProxySignature } from '../../web/server/http/verify-app-proxy';
import { verifyWebhookHmac } from '../../web/server/http/verify-webhook-hmac';

const SECRET = 'bench-api-secret-0123456789';
const CALLS = 50_000;

async function cpuMicrosPerCall(fn: () => unknown): Promise<number> {
  for (let i = 0; i < 2000; i += 1) await fn();
  const start = process.cpuUsage();
  for (let i = 0; i < CALLS; i += 1) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / CALLS;
}

async function main(): Promise<void> {
  const shopify = shopifyApi({
    apiKey: 'bench', apiSecretKey: SECRET, scopes: [], hostName: 'loyalty.test', apiVersion: ApiVersion.July26, isEmbeddedApp: true,
    logger: { level: LogSeverity.Error, log: async () => undefined },
  });
  const body = Buffer.from(JSON.stringify({ id: 1, line_items: Array.from({ length: 8 }, (_, i) => ({ id: i, title: 'Massage 60 min', price: '80.00', properties: [] })), customer: { id: 7, first_name: 'Anna' } }));
  const hmac = createHmac('sha256', SECRET).update(body).digest('base64');
  const rawRequest = {
    method: 'POST', url: '/webhooks',
    headers: { 'x-shopify-hmac-sha256': hmac, 'x-shopify-topic': 'orders/paid', 'x-shopify-shop-domain': 'bench.myshopify.com', 'x-shopify-webhook-id': 'w', 'x-shopify-api-version': '2026-07', 'x-shopify-event-id': 'e', 'x-shopify-triggered-at': new Date().toISOString() },
  };
  const params = new Map<string, string[]>([['shop', ['bench.myshopify.com']], ['logged_in_customer_id', ['7']], ['path_prefix', ['/apps/loyalty']], ['timestamp', [String(Math.floor(Date.now() / 1000))]]]);
  const query = { ...Object.fromEntries([...params].map(([key, [value]]) => [key, value!])), signature: appProxySignature(params, SECRET) };

  const rows: Array<[string, number]> = [
    ['webhook HMAC, ours (verifyWebhookHmac)', await cpuMicrosPerCall(() => verifyWebhookHmac(body, hmac, SECRET))],
    ['webhook HMAC, library (shopify.webhooks.validate)', await cpuMicrosPerCall(() => shopify.webhooks.validate({ rawBody: body.toString('utf8'), rawRequest: rawRequest as never, rawResponse: {} as never }))],
    ['app proxy, ours (appProxySignature)', await cpuMicrosPerCall(() => appProxySignature(params, SECRET))],
    ['app proxy, library (shopify.utils.validateHmac)', await cpuMicrosPerCall(() => shopify.utils.validateHmac(query, { signator: 'appProxy' }))],
  ];
  for (const [label, micros] of rows) process.stdout.write(`${label}: ${micros.toFixed(1)} µs CPU per call\n`);
}

void main();
