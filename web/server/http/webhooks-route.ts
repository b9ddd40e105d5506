// POST /webhooks: verify the HMAC on the raw body, store the delivery, queue its processing, answer 200.
// Nothing slow happens here: Shopify waits 5 s and retries otherwise. Topic handlers run in the job runner.
import express, { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../core/db-client';
import type { Logger } from '../../runtime/logger';
import { verifyWebhookHmac } from './verify-webhook-hmac';
import { createWebhookIngestBatcher } from './webhook-ingest-batcher';

const headersSchema = z.object({
  'x-shopify-topic': z.string().regex(/^[a-z_]+\/[a-z_]+$/),
  'x-shopify-shop-domain': z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/),
  'x-shopify-webhook-id': z.string().min(1).max(255),
  'x-shopify-api-version': z.string().max(32).optional(),
  'x-shopify-event-id': z.string().max(255).optional(),
  'x-shopify-triggered-at': z.string().max(64).optional(),
});

export function createWebhooksRouter(deps: { db: Db; apiSecret: string; bodyLimit: string; logger: Logger }): Router {
  const router = Router();
  const batcher = createWebhookIngestBatcher(deps.db);
  router.post('/webhooks', express.raw({ type: () => true, limit: deps.bodyLimit }), async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyWebhookHmac(rawBody, req.get('x-shopify-hmac-sha256'), deps.apiSecret)) {
      res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'Webhook HMAC verification failed.' } });
      return;
    }
    // A raw NUL byte is not JSON and PostgreSQL could not store the body (escaped "\u0000" is fine).
    if (rawBody.includes(0)) {
      res.status(400).json({ error: { code: 'VALIDATION', message: 'The webhook body contains a NUL byte.' } });
      return;
    }
    const headers = headersSchema.safeParse(req.headers);
    if (!headers.success) {
      res.status(400).json({ error: { code: 'VALIDATION', message: 'Webhook headers are missing or malformed.' } });
      return;
    }
    const h = headers.data;
    const triggeredAt = h['x-shopify-triggered-at'] ? new Date(h['x-shopify-triggered-at']) : null;
    const { duplicate } = await batcher.record({
      shopDomain: h['x-shopify-shop-domain'],
      webhookId: h['x-shopify-webhook-id'],
      topic: h['x-shopify-topic'],
      apiVersion: h['x-shopify-api-version'] ?? '',
      eventId: h['x-shopify-event-id'] ?? null,
      triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
      rawBody: rawBody.toString('utf8'),
    });
    res.status(200).json({ ok: true, duplicate });
  });
  return router;
}
