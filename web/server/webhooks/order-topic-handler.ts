import { applyOrderSnapshot } from '../../core/orders/apply-order-snapshot';
import type { OrderTrigger } from '../../core/orders/order-snapshot';
import { parseOrderPayload } from './order-payload';
import { shopIdOfDelivery } from './shop-of-delivery';
import type { WebhookHandler } from './webhook-handler';

/** Every orders/* topic carries the whole order; they differ only in what the topic itself asserts. */
export function orderTopicHandler(topic: string, trigger: OrderTrigger): WebhookHandler {
  return {
    topic,
    async handle({ db, now }, delivery) {
      const snapshot = parseOrderPayload(topic, delivery.payload);
      const shopId = await shopIdOfDelivery(db, delivery.shopDomain);
      await applyOrderSnapshot(db, shopId, snapshot, trigger, now());
    },
  };
}
