// The three mandatory GDPR topics.
import { z } from 'zod';
import { redactMember } from '../../core/members/upsert-member';
import { eraseShop } from '../../core/shops/uninstall-shop';
import { parsePayload, restId, toGid } from './parse-payload';
import type { WebhookHandler } from './webhook-handler';

const customerRequestSchema = z.object({
  shop_domain: z.string(),
  // Only numeric ids here (no admin_graphql_api_id): exact because the body is read with parseShopifyJson.
  customer: z.object({ id: restId, email: z.string().nullable().optional() }),
  orders_to_redact: z.array(restId).optional(),
});

export const customersDataRequest: WebhookHandler = {
  topic: 'customers/data_request',
  async handle({ db, logger }, delivery) {
    const request = parsePayload('customers/data_request', customerRequestSchema, delivery.payload);
    const shop = await db.prisma.shop.findUnique({ where: { domain: delivery.shopDomain }, select: { id: true } });
    const member = shop
      ? await db.prisma.member.findUnique({ where: { shopId_shopifyCustomerId: { shopId: shop.id, shopifyCustomerId: toGid('Customer', request.customer.id) } }, select: { id: true } })
      : null;
    // The shop owner answers the customer; we record that the request came and what we hold.
    logger.info({ shop: delivery.shopDomain, customer: request.customer.id, memberId: member?.id ?? null }, 'customer data request received');
  },
};

export const customersRedact: WebhookHandler = {
  topic: 'customers/redact',
  async handle({ db }, delivery) {
    const request = parsePayload('customers/redact', customerRequestSchema, delivery.payload);
    const shop = await db.prisma.shop.findUnique({ where: { domain: delivery.shopDomain }, select: { id: true } });
    if (!shop) return;
    await db.prisma.$transaction((tx) => redactMember(tx, shop.id, toGid('Customer', request.customer.id)));
  },
};

export const shopRedact: WebhookHandler = {
  topic: 'shop/redact',
  async handle({ db }, delivery) {
    await eraseShop(db.prisma, delivery.shopDomain);
  },
};
