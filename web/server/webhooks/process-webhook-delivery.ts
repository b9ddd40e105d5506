// Runs the handler for a stored delivery (called by the job runner for `process-webhook` tasks).
import type { WebhookContext, WebhookHandler } from './webhook-handler';
import { MalformedPayloadError } from './webhook-handler';
import { parseShopifyJson } from './parse-shopify-json';

/** A stored body as the handlers read it (64-bit ids kept exact); not JSON means it never will be. */
export function parseDeliveryBody(topic: string, body: string): unknown {
  try {
    return parseShopifyJson(body);
  } catch {
    throw new MalformedPayloadError(topic, 'body is not JSON');
  }
}

export function createWebhookDispatcher(handlers: WebhookHandler[]) {
  const byTopic = new Map(handlers.map((handler) => [handler.topic, handler]));
  return async function processWebhookDelivery(context: WebhookContext, deliveryId: string): Promise<'handled' | 'ignored'> {
    const delivery = await context.db.prisma.webhookDelivery.findUnique({ where: { id: deliveryId } });
    if (!delivery) return 'ignored';
    const handler = byTopic.get(delivery.topic);
    if (!handler) return 'ignored';
    const payload = parseDeliveryBody(delivery.topic, delivery.payload);
    await handler.handle(context, {
      id: delivery.id,
      shopDomain: delivery.shopDomain,
      topic: delivery.topic,
      webhookId: delivery.webhookId,
      payload,
      triggeredAt: delivery.triggeredAt,
    });
    return 'handled';
  };
}
