import { z } from 'zod';
import { upsertMember } from '../../core/members/upsert-member';
import { recordShopifyEmailMarketingConsent } from '../../core/messaging/consent-store';
import { parsePayload, toGid } from './parse-payload';
import type { WebhookHandler } from './webhook-handler';

export const customerPayloadSchema = z.object({
  id: z.union([z.number().int().positive(), z.string().min(1)]),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  locale: z.string().nullable().optional(),
  // Shopify's marketing consent; recorded as a consent change with source `shopify`.
  email_marketing_consent: z
    .object({ state: z.string(), opt_in_level: z.string().nullable().optional(), consent_updated_at: z.string().nullable().optional() })
    .nullable()
    .optional(),
});

export function customerTopicHandler(topic: string): WebhookHandler {
  return {
    topic,
    async handle({ db, now }, delivery) {
      const customer = parsePayload(topic, customerPayloadSchema, delivery.payload);
      const shop = await db.prisma.shop.findUnique({ where: { domain: delivery.shopDomain }, select: { id: true } });
      if (!shop) throw new Error(`shop ${delivery.shopDomain} is not installed`);
      await db.prisma.$transaction(async (tx) => {
        const member = await upsertMember(tx, shop.id, {
          shopifyCustomerId: toGid('Customer', customer.id),
          email: customer.email ?? null,
          phone: customer.phone ?? null,
          firstName: customer.first_name ?? null,
          lastName: customer.last_name ?? null,
          locale: customer.locale ?? null,
        });
        if (customer.email_marketing_consent) {
          await recordShopifyEmailMarketingConsent(tx, shop.id, member.id, customer.email_marketing_consent, delivery.triggeredAt ?? now());
        }
      });
    },
  };
}

