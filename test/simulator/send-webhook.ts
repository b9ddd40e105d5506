import { createHmac, randomUUID } from 'node:crypto';

// Delivers a webhook the way Shopify does: JSON POST, HMAC over the exact body bytes, the standard
// X-Shopify-* headers. `forgeHmac` signs with a wrong key so tests can check the app answers 401.

export interface SendWebhookOptions {
  shop: string;
  topic: string;
  payload: unknown;
  webhookId?: string;
  eventId?: string;
  apiVersion?: string;
  forgeHmac?: boolean;
  /** ISO timestamp for X-Shopify-Triggered-At; defaults to now. */
  triggeredAt?: string;
}

export interface SendWebhookResult {
  status: number;
  body: string;
  webhookId: string;
}

export function webhookHmac(body: string | Buffer, apiSecret: string): string {
  return createHmac('sha256', apiSecret).update(body).digest('base64');
}

export async function sendWebhook(appUrl: string, apiSecret: string, options: SendWebhookOptions): Promise<SendWebhookResult> {
  const body = JSON.stringify(options.payload);
  const webhookId = options.webhookId ?? randomUUID();
  const response = await fetch(`${appUrl.replace(/\/$/, '')}/webhooks`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Shopify-Topic': options.topic,
      'X-Shopify-Shop-Domain': options.shop,
      'X-Shopify-API-Version': options.apiVersion ?? '2026-07',
      'X-Shopify-Webhook-Id': webhookId,
      'X-Shopify-Event-Id': options.eventId ?? randomUUID(),
      'X-Shopify-Triggered-At': options.triggeredAt ?? new Date().toISOString(),
      'X-Shopify-Hmac-Sha256': webhookHmac(body, options.forgeHmac ? `${apiSecret}-forged` : apiSecret),
    },
    body,
    // Shopify gives up after 5 s.
    signal: AbortSignal.timeout(5000),
  });
  return { status: response.status, body: await response.text(), webhookId };
}
