import type { AdminGraphqlClient } from './admin-graphql-client';
import type { GiftCardUserError } from './gift-card-create';

export const GIFT_CARD_DEACTIVATE_MUTATION = `#graphql
  mutation LoyaltyGiftCardDeactivate($id: ID!) {
    giftCardDeactivate(id: $id) {
      giftCard {
        id
        enabled
        deactivatedAt
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

interface GiftCardDeactivateData {
  giftCardDeactivate: { giftCard: { id: string; enabled: boolean; deactivatedAt: string | null } | null; userErrors: GiftCardUserError[] } | null;
}

export async function deactivateGiftCard(client: AdminGraphqlClient, shop: string, accessToken: string, id: string): Promise<{ ok: true; deactivatedAt: string | null } | { ok: false; userErrors: GiftCardUserError[] }> {
  const { data } = await client.request<GiftCardDeactivateData>(shop, accessToken, GIFT_CARD_DEACTIVATE_MUTATION, { id });
  const payload = data.giftCardDeactivate;
  if (!payload?.giftCard || payload.userErrors.length > 0) return { ok: false, userErrors: payload?.userErrors ?? [] };
  return { ok: true, deactivatedAt: payload.giftCard.deactivatedAt };
}
