// POST /webhooks: verify the HMAC on the raw body, store the delivery, queue its processing, answer 200.
// Nothing slow happens here: Shopify waits 5 s and retries otherwise. Topic handlers run in the job runner.
// Answered before Express (see before-express.ts): on a sale day this is the app's busiest write, and
// Express's per-request allocations cost more CPU than the HMAC and the batched insert together.
import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
import { z } from 'zod';
import type { Db } from '../../core/db-client';
import type { Logger } from '../../runtime/logger';
import { pathOf, type EarlyHandler } from './before-express';
import { answerForError } from './error-handler';
import { sendNoStoreJson } from './send-json';
import { verifyWebhookHmac } from './verify-webhook-hmac';
import { createWebhookIngestBatcher } from './webhook-ingest-batcher';

export const WEBHOOKS_PATH = '/webhooks';

const headersSchema = z.object({
  'x-shopify-topic': z.string().regex(/^[a-z_]+\/[a-z_]+$/),
  'x-shopify-shop-domain': z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/),
  'x-shopify-webhook-id': z.string().min(1).max(255),
  'x-shopify-api-version': z.string().max(32).optional(),
  'x-shopify-event-id': z.string().max(255).optional(),
  'x-shopify-triggered-at': z.string().max(64).optional(),
});

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  sendNoStoreJson(res, status, { error: { code, message } });
}

/** raw-body's own refusals (aborted upload, length mismatch) are the client's fault: 400, not 500. */
function isClientBodyError(error: unknown): boolean {
  const status = (error as { status?: unknown; type?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500 && typeof (error as { type?: unknown }).type === 'string';
}

export function createWebhooksHandler(deps: { db: Db; apiSecret: string; bodyLimit: string; logger: Logger }): EarlyHandler {
  const batcher = createWebhookIngestBatcher(deps.db);

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      // Shopify sends plain JSON; a compressed body could not be checked against the signature we hold.
      const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (encoding !== 'identity') {
        req.resume();
        fail(res, 415, 'VALIDATION', `Content-Encoding ${encoding} is not supported for webhooks.`);
        return;
      }
      const rawBody = await getRawBody(req, { limit: deps.bodyLimit, length: req.headers['content-length'] });
      if (!verifyWebhookHmac(rawBody, req.headers['x-shopify-hmac-sha256'] as string | undefined, deps.apiSecret)) {
        fail(res, 401, 'UNAUTHORIZED', 'Webhook HMAC verification failed.');
        return;
      }
      // A raw NUL byte is not JSON and PostgreSQL could not store the body (escaped "\u0000" is fine).
      if (rawBody.includes(0)) {
        fail(res, 400, 'VALIDATION', 'The webhook body contains a NUL byte.');
        return;
      }
      const headers = headersSchema.safeParse(req.headers);
      if (!headers.success) {
        fail(res, 400, 'VALIDATION', 'Webhook headers are missing or malformed.');
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
      sendNoStoreJson(res, 200, { ok: true, duplicate });
    } catch (error) {
      if (res.headersSent) return;
      if (isClientBodyError(error) && (error as { type?: string }).type !== 'entity.too.large') {
        fail(res, 400, 'VALIDATION', 'The request body could not be read.');
        return;
      }
      const { status, body } = answerForError(error, deps.logger, { method: req.method, path: WEBHOOKS_PATH });
      sendNoStoreJson(res, status, body);
    }
  };

  return (req, res) => {
    if (req.method !== 'POST' || pathOf(req) !== WEBHOOKS_PATH) return false;
    void answer(req, res);
    return true;
  };
}
