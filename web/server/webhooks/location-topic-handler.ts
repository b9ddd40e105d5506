// locations/create, locations/update and locations/delete keep location names current between the
// daily syncs (web/core/locations/save-locations.ts ignores a delivery older than what is stored).
import { z } from 'zod';
import { markLocationDeleted, saveLocation } from '../../core/locations/save-locations';
import { adminGraphqlApiId, gidOf, parsePayload, restId } from './parse-payload';
import { shopIdOfDelivery } from './shop-of-delivery';
import type { WebhookHandler } from './webhook-handler';

const locationPayloadSchema = z.object({
  id: restId,
  admin_graphql_api_id: adminGraphqlApiId,
  name: z.string().trim().min(1).max(255),
  city: z.string().nullable().optional(),
  active: z.boolean().default(true),
  updated_at: z.string().nullable().optional(),
});

const deletedLocationSchema = z.object({ id: restId, admin_graphql_api_id: adminGraphqlApiId });

function timestamp(text: string | null | undefined): Date | null {
  if (!text) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function locationTopicHandler(topic: 'locations/create' | 'locations/update'): WebhookHandler {
  return {
    topic,
    async handle({ db, now }, delivery) {
      const location = parsePayload(topic, locationPayloadSchema, delivery.payload);
      const shopId = await shopIdOfDelivery(db, delivery.shopDomain);
      await saveLocation(db.prisma, shopId, {
        id: gidOf(topic, 'Location', location), name: location.name, city: location.city ?? '', active: location.active,
        updatedAt: timestamp(location.updated_at) ?? delivery.triggeredAt,
      }, now());
    },
  };
}

export const locationsCreate = locationTopicHandler('locations/create');
export const locationsUpdate = locationTopicHandler('locations/update');

export const locationsDelete: WebhookHandler = {
  topic: 'locations/delete',
  async handle({ db, now }, delivery) {
    const location = parsePayload('locations/delete', deletedLocationSchema, delivery.payload);
    const shopId = await shopIdOfDelivery(db, delivery.shopDomain);
    await markLocationDeleted(db.prisma, shopId, gidOf('locations/delete', 'Location', location), now());
  },
};
