// What the redemption workflow asks of Shopify, as a port: core never imports Shopify code. The
// adapter over the Admin API is web/shopify-admin/shopify-reward-issuer.ts.

/** One shop's Admin API access. */
export interface ShopAccess {
  domain: string;
  accessToken: string;
}

export interface IssuerUserError {
  field: string[] | null;
  code: string | null;
  message: string;
}

export type IssueAnswer<T> = ({ ok: true } & T) | { ok: false; userErrors: IssuerUserError[] };

export interface StoreCreditCreditSeen {
  id: string;
  amount: { amount: string; currencyCode: string };
  expiresAt: string | null;
  createdAt: string;
}

export interface RewardIssuer {
  /** giftCardCreate with our own code and a note naming the redemption. */
  createGiftCard(
    shop: ShopAccess,
    input: { amount: string; currencyCode: string; code: string; customerId: string; expiresOn?: string; note: string },
  ): Promise<IssueAnswer<{ giftCardId: string }>>;
  /** The card whose note is exactly `note`, if one exists. */
  findGiftCardByNote(shop: ShopAccess, note: string): Promise<{ id: string; lastCharacters: string } | null>;
  /** storeCreditAccountCredit, sent once (never resent after an ambiguous failure). */
  creditStoreCredit(
    shop: ShopAccess,
    input: { customerId: string; amount: string; currencyCode: string; expiresAt: string },
  ): Promise<IssueAnswer<{ transactionId: string }>>;
  /** giftCardDeactivate (staff; Shopify cannot re-enable a card). */
  deactivateGiftCard(shop: ShopAccess, giftCardId: string): Promise<IssueAnswer<Record<never, never>>>;
  /** The customer's credit transactions in that currency created since `createdSince`. */
  listStoreCreditCredits(shop: ShopAccess, input: { customerId: string; currencyCode: string; createdSince: Date }): Promise<StoreCreditCreditSeen[]>;
}

/**
 * What a RewardIssuer throws when Shopify could not be asked or did not answer usefully: `retryable`
 * when trying again later may succeed (throttling, 5xx, timeouts, network), not for refusals (bad
 * token, invalid document).
 */
export class IssuerFailure extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = 'IssuerFailure';
  }
}
