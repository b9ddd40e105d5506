import { applyRefund } from '../../core/orders/apply-refund';
import { refundPayloadSchema, refundSnapshot } from './order-payload';
import { parsePayload, toGid } from './parse-payload';
import { shopIdOfDelivery } from './shop-of-delivery';
import type { WebhookHandler } from './webhook-handler';

export const refundsCreate: WebhookHandler = {
  topic: 'refunds/create',
  async handle({ db, now }, delivery) {
    const payload = parsePayload('refunds/create', refundPayloadSchema, delivery.payload);
    const shopId = await shopIdOfDelivery(db, delivery.shopDomain);
    const orderId = toGid('Order', payload.order_id);
    const order = await db.prisma.orderRecord.findUnique({ where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: orderId } }, select: { currency: true } });
    const currency = order?.currency ?? (await db.prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { currency: true } })).currency;
    await applyRefund(db, shopId, orderId, refundSnapshot('refunds/create', payload, currency), now());
  },
};
