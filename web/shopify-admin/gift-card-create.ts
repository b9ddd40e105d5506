import type { AdminGraphqlClient } from './admin-graphql-client';

// 2026-07 input shape: `initialAmount: MoneyInput` (initialValue is deprecated). We pass our own
// `code` so that we know it before the call: the code is returned only by this mutation, and a crash
// between Shopify's answer and our write would otherwise lose it for good.
export const GIFT_CARD_CREATE_MUTATION = `#graphql
  mutation LoyaltyGiftCardCreate($input: GiftCardCreateInput!) {
    giftCardCreate(input: $input) {
      giftCard {
        id
        lastCharacters
        expiresOn
        note
      }
      giftCardCode
      userErrors {
        field
        code
        message
      }
    }
  }
`;

export interface GiftCardCreateInput {
  initialAmount: { amount: string; currencyCode: string };
  code: string;
  customerId?: string;
  expiresOn?: string;
  note: string;
}

export interface GiftCardUserError {
  field: string[] | null;
  code: string | null;
  message: string;
}

export interface CreatedGiftCard {
  id: string;
  lastCharacters: string;
  expiresOn: string | null;
  note: string | null;
}

interface GiftCardCreateData {
  giftCardCreate: { giftCard: CreatedGiftCard | null; giftCardCode: string | null; userErrors: GiftCardUserError[] } | null;
}

export type GiftCardCreateResult =
  | { ok: true; giftCard: CreatedGiftCard; code: string }
  | { ok: false; userErrors: GiftCardUserError[] };

export async function createGiftCard(client: AdminGraphqlClient, shop: string, accessToken: string, input: GiftCardCreateInput): Promise<GiftCardCreateResult> {
  const { data } = await client.request<GiftCardCreateData>(shop, accessToken, GIFT_CARD_CREATE_MUTATION, { input });
  const payload = data.giftCardCreate;
  if (!payload || payload.userErrors.length > 0 || !payload.giftCard) {
    return { ok: false, userErrors: payload?.userErrors.length ? payload.userErrors : [{ field: null, code: null, message: 'giftCardCreate returned no gift card' }] };
  }
  return { ok: true, giftCard: payload.giftCard, code: payload.giftCardCode ?? input.code };
}
