// How the outside world reaches the app in the chaos run, each through a random live web process:
// Shopify's signed webhooks, the storefront through the app proxy (signed query), and staff through the
// admin API (App Bridge session tokens). All traffic goes to 127.0.0.1.
import { randomUUID } from 'node:crypto';
import type { ShopifySimulator } from '../simulator';
import { webhookHmac } from '../simulator';
import type { AppProcess } from './app-processes';

export interface HttpAnswer {
  status: number;
  body: unknown;
}

export class AppClients {
  constructor(
    private readonly webs: AppProcess[],
    private readonly simulator: ShopifySimulator,
    private readonly apiSecret: string,
    private readonly shop: string,
    private readonly random: () => number,
  ) {}

  /** a live web process' URL, waiting (bounded) while all are down */
  async webUrl(): Promise<string> {
    for (let waited = 0; waited < 60_000; waited += 200) {
      const live = this.webs.map((web) => web.url()).filter((url): url is string => url !== null);
      if (live.length > 0) return live[Math.floor(this.random() * live.length)]!;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('no web process came up within 60 s');
  }

  private async send(path: string, init: RequestInit & { timeoutMs: number }): Promise<HttpAnswer> {
    const response = await fetch(`${await this.webUrl()}${path}`, { ...init, signal: AbortSignal.timeout(init.timeoutMs) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text for the report
    }
    return { status: response.status, body };
  }

  /** One delivery as Shopify makes it: the exact body bytes signed, 5 s to answer. */
  webhook(topic: string, body: string, webhookId: string): Promise<HttpAnswer> {
    return this.send('/webhooks', {
      method: 'POST',
      timeoutMs: 5000,
      headers: {
        'Content-Type': 'application/json',
        'X-Shopify-Topic': topic,
        'X-Shopify-Shop-Domain': this.shop,
        'X-Shopify-API-Version': '2026-07',
        'X-Shopify-Webhook-Id': webhookId,
        'X-Shopify-Event-Id': randomUUID(),
        'X-Shopify-Triggered-At': new Date().toISOString(),
        'X-Shopify-Hmac-Sha256': webhookHmac(body, this.apiSecret),
      },
      body,
    });
  }

  /** A storefront request through the app proxy, signed for the signed-in customer (numeric id). */
  proxy(method: 'GET' | 'POST', path: string, customerId: number, options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpAnswer> {
    const signed = this.simulator.signAppProxyQuery({
      shop: this.shop,
      logged_in_customer_id: String(customerId),
      path_prefix: '/apps/loyalty',
      timestamp: String(Math.floor(Date.now() / 1000)),
    });
    const query = new URLSearchParams(signed as Record<string, string>).toString();
    return this.send(`/proxy${path}?${query}`, {
      method,
      timeoutMs: options.timeoutMs ?? 30_000,
      headers: { ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  }

  /** A staff request from Shopify admin: a fresh session token of the shop's first staff user. */
  admin(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, timeoutMs = 30_000): Promise<HttpAnswer> {
    const token = this.simulator.mintSessionToken({ shop: this.shop, userId: 1 });
    return this.send(`/api${path}`, {
      method,
      timeoutMs,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
}
