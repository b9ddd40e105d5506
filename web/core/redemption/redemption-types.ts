// Shared shapes of the redemption module.
import type { RedemptionStatus, RedemptionView } from '../../contracts/common';
import type { SecretBox } from '../crypto/secret-box';

export const ISSUE_REWARD_TASK = 'issue-reward';
export const GIFT_CARD_CODE_PURPOSE = 'gift-card-code';

export type { RedemptionStatus, RewardType } from '../../contracts/common';

/** Seals gift card codes at rest (purpose "gift-card-code"). */
export type CodeBox = SecretBox;

export interface RedemptionRow {
  id: string;
  shopId: string;
  memberId: string;
  rewardId: string;
  rewardType: string;
  points: number;
  valueMinor: number;
  currency: string;
  status: string;
  idempotencyKey: string;
  requestedBy: string;
  ledgerEntryId: string;
  reversalEntryId: string | null;
  giftCardId: string | null;
  codeEncrypted: string | null;
  codeMasked: string | null;
  codeLast4: string | null;
  expiresOn: string | null;
  attempts: number;
  lastError: string | null;
  issuedAt: Date | null;
  failedAt: Date | null;
  reversedAt: Date | null;
  deactivatedAt: Date | null;
  createdAt: Date;
}

export function redemptionView(row: RedemptionRow): RedemptionView {
  return {
    id: row.id,
    rewardId: row.rewardId,
    type: row.rewardType,
    status: row.status as RedemptionStatus,
    points: row.points,
    value: { amountMinor: row.valueMinor, currency: row.currency },
    // The mask is shown only once the card exists, so nobody mistakes a pending code for a card.
    maskedCode: row.giftCardId ? row.codeMasked : null,
    giftCardId: row.giftCardId,
    expiresOn: row.expiresOn,
    requestedBy: row.requestedBy,
    lastError: row.status === 'reversed' || row.status === 'failed' ? row.lastError : null,
    createdAt: row.createdAt.toISOString(),
    issuedAt: row.issuedAt?.toISOString() ?? null,
    reversedAt: row.reversedAt?.toISOString() ?? null,
    deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
  };
}
