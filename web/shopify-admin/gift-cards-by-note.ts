import type { AdminGraphqlClient } from './admin-graphql-client';

// Finds the gift cards we created for one redemption: every card carries `loyalty-redemption:<id>`
// in its note, so a retry after a crash can adopt the card instead of creating a second one.
export const GIFT_CARDS_BY_NOTE_QUERY = `#graphql
  query LoyaltyGiftCardsByNote($query: String!) {
    giftCards(first: 5, query: $query) {
      nodes {
        id
        lastCharacters
        note
        enabled
        expiresOn
        deactivatedAt
      }
    }
  }
`;

export interface GiftCardByNote {
  id: string;
  lastCharacters: string;
  note: string | null;
  enabled: boolean;
  expiresOn: string | null;
  deactivatedAt: string | null;
}

interface GiftCardsByNoteData {
  giftCards: { nodes: GiftCardByNote[] };
}

/** Cards whose note is exactly ours (Shopify's search matches more loosely, so filter again). */
export async function findGiftCardsByNote(client: AdminGraphqlClient, shop: string, accessToken: string, note: string): Promise<GiftCardByNote[]> {
  const { data } = await client.request<GiftCardsByNoteData>(shop, accessToken, GIFT_CARDS_BY_NOTE_QUERY, { query: `note:'${note.replace(/'/g, '')}'` });
  return data.giftCards.nodes.filter((card) => card.note === note);
}
