import { z } from 'zod';
import { enqueueMemberGroupRefresh } from '../../core/groups/enqueue-member-group-refresh';
import { upsertMember } from '../../core/members/upsert-member';
import { recordShopifyEmailMarketingConsent } from '../../core/messaging/consent-store';
import { writeTransaction } from '../../core/db-client';
import { adminGraphqlApiId, gidOf, parsePayload, restId } from './parse-payload';
import { shopIdOfDelivery } from './shop-of-delivery';
import type { WebhookHandler } from './webhook-handler';

export const customerPayloadSchema = z.object({
  id: restId,
  admin_graphql_api_id: adminGraphqlApiId,
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  locale: z.string().nullable().optional(),
  // "a, b" as Shopify sends them; kept on the member for group rules.
  tags: z.string().nullable().optional(),
  // Shopify's marketing consent; recorded as a consent change with source `shopify`.
  email_marketing_consent: z
    .object({ state: z.string(), opt_in_level: z.string().nullable().optional(), consent_updated_at: z.string().nullable().optional() })
    .nullable()
    .optional(),
});

/**
 * `customers/create` only creates: Shopify does not order deliveries, and a create that arrives after an
 * update must not overwrite the newer contact details. `customers/update` refreshes them.
 */
export function customerTopicHandler(topic: string, mode: 'create' | 'update'): WebhookHandler {
  return {
    topic,
    async handle({ db, now }, delivery) {
      const customer = parsePayload(topic, customerPayloadSchema, delivery.payload);
      const shopId = await shopIdOfDelivery(db, delivery.shopDomain);
      await writeTransaction(db, async (tx) => {
        const shopifyCustomerId = gidOf(topic, 'Customer', customer);
        const existing = mode === 'create' ? await tx.member.findUnique({ where: { shopId_shopifyCustomerId: { shopId, shopifyCustomerId } }, select: { id: true } }) : null;
        const member = existing ?? await upsertMember(tx, shopId, {
          shopifyCustomerId,
          email: customer.email ?? null,
          phone: customer.phone ?? null,
          firstName: customer.first_name ?? null,
          lastName: customer.last_name ?? null,
          locale: customer.locale ?? null,
          ...(customer.tags !== undefined ? { tags: customer.tags } : {}),
        }, now());
        if (customer.email_marketing_consent) {
          await recordShopifyEmailMarketingConsent(tx, shopId, member.id, customer.email_marketing_consent, delivery.triggeredAt ?? now());
        }
        // Tag rules (and anything else this customer's facts decide) follow by a task queued in the same transaction.
        await enqueueMemberGroupRefresh(tx, shopId, [member.id], 'customer_update', now());
      });
    },
  };
}

