// Staff: deactivate a gift card we issued (Shopify cannot re-enable it) and optionally give the
// points back. Shopify first, then our record, so we never claim a card is dead while it still works.
import { writeTransaction, type Db } from '../../core/db-client';
import { AppError } from '../../core/errors/app-error';
import { reverseRedemptionInTx } from '../../core/redemption/reverse-redemption';
import type { AdminGraphqlClient } from '../../shopify-admin/admin-graphql-client';
import { deactivateGiftCard } from '../../shopify-admin/gift-card-deactivate';
import { loadOfflineSession } from '../auth/offline-session-store';

export async function deactivateIssuedGiftCard(
  deps: { db: Db; admin: AdminGraphqlClient },
  input: { shopId: string; shopDomain: string; redemptionId: string; returnPoints: boolean; staffUserId: string; now?: Date },
): Promise<{ deactivated: boolean; pointsReturned: number }> {
  const now = input.now ?? new Date();
  const redemption = await deps.db.prisma.redemption.findFirst({ where: { id: input.redemptionId, shopId: input.shopId } });
  if (!redemption) throw new AppError('NOT_FOUND', 'This redemption was not found.');
  if (redemption.rewardType !== 'gift_card' || !redemption.giftCardId || redemption.status !== 'issued') {
    throw new AppError('CONFLICT', 'Only an issued gift card can be deactivated.');
  }
  if (redemption.deactivatedAt) throw new AppError('CONFLICT', 'This gift card is already deactivated.');
  const session = await loadOfflineSession(deps.db.prisma, input.shopDomain);
  if (!session) throw new AppError('UPSTREAM', 'The shop is not connected to Shopify.');
  let result: Awaited<ReturnType<typeof deactivateGiftCard>>;
  try {
    result = await deactivateGiftCard(deps.admin, input.shopDomain, session.accessToken, redemption.giftCardId);
  } catch {
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
