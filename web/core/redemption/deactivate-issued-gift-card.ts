// Staff: deactivate a gift card we issued (Shopify cannot re-enable it) and optionally give the
// points back. Shopify first, then our record, so we never claim a card is dead while it still works.
import { writeTransaction, type Db } from '../db-client';
import { AppError } from '../errors/app-error';
import { loadIssueContext, readRedemption } from './redemption-store';
import { IssuerFailure, type RewardIssuer } from './reward-issuer';
import { reverseRedemptionInTx } from './reverse-redemption';

export async function deactivateIssuedGiftCard(
  deps: { db: Db; issuer: RewardIssuer },
  input: { shopId: string; redemptionId: string; returnPoints: boolean; staffUserId: string; now?: Date },
): Promise<{ deactivated: boolean; pointsReturned: number }> {
  const now = input.now ?? new Date();
  const redemption = await readRedemption(deps.db, input.redemptionId);
  if (!redemption || redemption.shopId !== input.shopId) throw new AppError('NOT_FOUND', 'This redemption was not found.');
  if (redemption.rewardType !== 'gift_card' || !redemption.giftCardId || redemption.status !== 'issued') {
    throw new AppError('CONFLICT', 'Only an issued gift card can be deactivated.');
  }
  if (redemption.deactivatedAt) throw new AppError('CONFLICT', 'This gift card is already deactivated.');
  const context = await loadIssueContext(deps.db, redemption);
  if (!context?.accessToken) throw new AppError('UPSTREAM', 'The shop is not connected to Shopify.');
  let result: Awaited<ReturnType<RewardIssuer['deactivateGiftCard']>>;
  try {
    result = await deps.issuer.deactivateGiftCard({ domain: context.shopDomain, accessToken: context.accessToken }, redemption.giftCardId);
  } catch (error) {
    if (!(error instanceof IssuerFailure)) throw error;
    throw new AppError('UPSTREAM', 'Shopify could not be reached to deactivate the gift card. Please try again.');
  }
  if (!result.ok) throw new AppError('UPSTREAM', `Shopify refused to deactivate the gift card: ${result.userErrors.map((e) => e.message).join('; ')}`);
  return writeTransaction(deps.db, async (tx) => {
    const { count } = await tx.redemption.updateMany({ where: { id: redemption.id, deactivatedAt: null }, data: { deactivatedAt: now, updatedAt: now } });
    if (count === 0 || !input.returnPoints) return { deactivated: count > 0, pointsReturned: 0 };
    const reversed = await reverseRedemptionInTx(tx, {
      shopId: input.shopId,
      redemptionId: redemption.id,
      reason: 'Gift card deactivated by staff; points returned.',
      now,
      notify: 'none',
      fromStatuses: ['issued'],
      staffUserId: input.staffUserId,
    });
    return { deactivated: true, pointsReturned: reversed ? redemption.points : 0 };
  });
}
