import type { AdminGraphqlClient } from './admin-graphql-client';

export const GIFT_CARD_CONFIGURATION_QUERY = `#graphql
  query LoyaltyGiftCardConfiguration {
    giftCardConfiguration {
      issueLimit {
        amount
        currencyCode
      }
    }
  }
`;

interface GiftCardConfigurationData {
  giftCardConfiguration: { issueLimit: { amount: string; currencyCode: string } };
}

/** The most a single gift card may be issued for, as Shopify reports it (decimal string + currency). */
export async function fetchGiftCardIssueLimit(client: AdminGraphqlClient, shop: string, accessToken: string): Promise<{ amount: string; currencyCode: string }> {
  const { data } = await client.request<GiftCardConfigurationData>(shop, accessToken, GIFT_CARD_CONFIGURATION_QUERY);
  return data.giftCardConfiguration.issueLimit;
}
