// The compensation of requestRedemption (steps 1-3 of redemption-workflow.ts): the points come back as
// a reversal entry linked to the redeem entry, the unit of stock is released, and the customer is told
// (outbox `reward_failed`), all in one transaction. Conditional on the status, so it happens at most once.
import { raiseStaffAlert, type NewStaffAlert } from '../alerts/staff-alert-store';
import { writeTransaction, type Db, type Tx } from '../db-client';
import { appendPostedEntry } from '../ledger/append-posted-entry';
import { enqueueOutboxMessage } from '../messaging/outbox-queue';
import { formatMinorAsDecimal, minorUnitsFromColumn } from '../money';

export interface ReverseRedemptionInput {
  shopId: string;
  redemptionId: string;
  reason: string;
  now?: Date;
  /** reward_failed tells the customer; a staff deactivation says so itself */
  notify?: 'reward_failed' | 'none';
  /** which statuses may be reversed; the issue task reverses unissued ones only */
  fromStatuses?: string[];
  staffUserId?: string;
  /** raised in the same transaction (the sweeper tells staff what it did) */
  alert?: NewStaffAlert;
}

export async function reverseRedemption(db: Db, input: ReverseRedemptionInput): Promise<boolean> {
  return writeTransaction(db, (tx) => reverseRedemptionInTx(tx, input));
}

export async function reverseRedemptionInTx(tx: Tx, input: ReverseRedemptionInput): Promise<boolean> {
  const now = input.now ?? new Date();
  const { count } = await tx.redemption.updateMany({
    where: { id: input.redemptionId, shopId: input.shopId, status: { in: input.fromStatuses ?? ['requested', 'issuing', 'failed'] } },
    data: { status: 'reversed', reversedAt: now, lastError: input.reason.slice(0, 2000), updatedAt: now },
  });
  if (count === 0) return false;
  const redemption = await tx.redemption.findUniqueOrThrow({ where: { id: input.redemptionId } });
  const reward = await tx.giftCardReward.findUnique({ where: { id: redemption.rewardId }, select: { title: true } });
  const entry = await appendPostedEntry(
    tx,
    {
      shopId: redemption.shopId,
      memberId: redemption.memberId,
      type: 'reversal',
      points: redemption.points,
      description: `Returned: ${reward?.title ?? 'reward'}`,
      sourceType: 'redemption',
      sourceId: redemption.id,
      idempotencyKey: `redeem-reversal:${redemption.id}`,
      reversesId: redemption.ledgerEntryId,
      staffUserId: input.staffUserId ?? null,
    },
    { now, allowNegative: false },
  );
  await tx.redemption.update({ where: { id: redemption.id }, data: { reversalEntryId: entry.id } });
  await tx.$executeRaw`
    UPDATE "GiftCardReward" SET "issuedCount" = "issuedCount" - 1, "updatedAt" = ${now}
    WHERE "id" = ${redemption.rewardId} AND "issuedCount" > 0`;
  if ((input.notify ?? 'reward_failed') === 'reward_failed') {
    await enqueueOutboxMessage(tx, {
      shopId: redemption.shopId,
      memberId: redemption.memberId,
      event: 'reward_failed',
      payload: {
        points: redemption.points,
        gift_card_value: `${formatMinorAsDecimal(minorUnitsFromColumn(redemption.valueMinor), redemption.currency)} ${redemption.currency}`,
        description: reward?.title ?? '',
        redemptionId: redemption.id,
      },
      idempotencyKey: `reward_failed:${redemption.id}`,
      now,
    });
  }
  if (input.alert) await raiseStaffAlert(tx, input.alert, now);
  return true;
}
