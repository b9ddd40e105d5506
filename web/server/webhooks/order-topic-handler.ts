import { applyOrderSnapshot } from '../../core/orders/apply-order-snapshot';
import type { OrderTrigger } from '../../core/orders/order-snapshot';
import { parseOrderPayload } from './order-payload';
import { shopIdOfDelivery } from './shop-of-delivery';
import type { WebhookHandler } from './webhook-handler';

/** An orders/* handler: also applied set-based, many deliveries at once (see process-webhook-batch.ts). */
export interface OrderTopicHandler extends WebhookHandler {
  orderTrigger: OrderTrigger;
}

/** Every orders/* topic carries the whole order; they differ only in what the topic itself asserts. */
export function orderTopicHandler(topic: string, trigger: OrderTrigger): OrderTopicHandler {
  return {
    topic,
    orderTrigger: trigger,
    async handle({ db, now }, delivery) {
      const snapshot = parseOrderPayload(topic, delivery.payload);
      const shopId = await shopIdOfDelivery(db, delivery.shopDomain);
      await applyOrderSnapshot(db, shopId, snapshot, trigger, now());
    },
  };
}
