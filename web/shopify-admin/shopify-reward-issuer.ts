// The redemption workflow's RewardIssuer over the Admin API: each call is one typed document of this
// folder; Admin API failures become IssuerFailure, so core sees no Shopify types.
import { IssuerFailure, type RewardIssuer, type ShopAccess } from '../core/redemption/reward-issuer';
import { AdminApiError, type AdminGraphqlClient } from './admin-graphql-client';
import { createGiftCard } from './gift-card-create';
import { deactivateGiftCard } from './gift-card-deactivate';
import { findGiftCardsByNote } from './gift-cards-by-note';
import { creditStoreCredit } from './store-credit-account-credit';
import { listStoreCreditCredits } from './store-credit-credits';

async function translated<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AdminApiError) throw new IssuerFailure(error.message, error.retryable);
    throw error;
  }
}

export function shopifyRewardIssuer(admin: AdminGraphqlClient): RewardIssuer {
  return {
    createGiftCard: (shop: ShopAccess, input) =>
      translated(async () => {
        const result = await createGiftCard(admin, shop.domain, shop.accessToken, {
          initialAmount: { amount: input.amount, currencyCode: input.currencyCode },
          code: input.code,
          customerId: input.customerId,
          ...(input.expiresOn ? { expiresOn: input.expiresOn } : {}),
          note: input.note,
        });
        return result.ok ? { ok: true as const, giftCardId: result.giftCard.id } : result;
      }),
    findGiftCardByNote: (shop, note) =>
      translated(async () => {
        const [card] = await findGiftCardsByNote(admin, shop.domain, shop.accessToken, note);
        return card ? { id: card.id, lastCharacters: card.lastCharacters } : null;
      }),
    creditStoreCredit: (shop, input) =>
      translated(async () => {
        const result = await creditStoreCredit(admin, shop.domain, shop.accessToken, input);
        return result.ok ? { ok: true as const, transactionId: result.transactionId } : result;
      }),
    deactivateGiftCard: (shop, giftCardId) =>
      translated(async () => {
        const result = await deactivateGiftCard(admin, shop.domain, shop.accessToken, giftCardId);
        return result.ok ? { ok: true as const } : result;
      }),
    listStoreCreditCredits: (shop, input) => translated(() => listStoreCreditCredits(admin, shop.domain, shop.accessToken, input)),
  };
}
