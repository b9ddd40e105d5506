// Shapes shared by the admin API and the customer surfaces. Money is always integer minor units plus
// an ISO currency; timestamps are ISO strings. Type-only (and plain constants): the server, the admin
// UI and the extensions import this folder, and nothing in it may pull a library into their bundles.

export interface Money {
  amountMinor: number;
  currency: string;
}

/** A cursor page: nextCursor is the id to pass as `before`/`cursor` for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type EntryType = 'earn' | 'redeem' | 'adjust' | 'expire' | 'reversal';
export type EntryStatus = 'pending' | 'posted' | 'voided';
export type SourceType = 'order' | 'line_item' | 'refund' | 'staff' | 'job' | 'redemption' | 'campaign' | 'booking' | 'import';

export const ENTRY_TYPES: EntryType[] = ['earn', 'redeem', 'adjust', 'expire', 'reversal'];
export const ENTRY_STATUSES: EntryStatus[] = ['pending', 'posted', 'voided'];
export const SOURCE_TYPES: SourceType[] = ['order', 'line_item', 'refund', 'staff', 'job', 'redemption', 'campaign', 'booking', 'import'];

export type RewardType = 'gift_card' | 'store_credit';
export const REWARD_TYPES: RewardType[] = ['gift_card', 'store_credit'];

export type RedemptionStatus = 'requested' | 'issuing' | 'issued' | 'failed' | 'reversed';
export const REDEMPTION_STATUSES: RedemptionStatus[] = ['requested', 'issuing', 'issued', 'failed', 'reversed'];

/** A redemption as anyone but the owning signed-in customer may see it: never the code. */
export interface RedemptionView {
  id: string;
  rewardId: string;
  type: string;
  status: RedemptionStatus;
  points: number;
  value: Money;
  /** Only once the card exists, e.g. "•••• •••• •••• MHDK". */
  maskedCode: string | null;
  giftCardId: string | null;
  expiresOn: string | null;
  requestedBy: string;
  lastError: string | null;
  createdAt: string;
  issuedAt: string | null;
  reversedAt: string | null;
  deactivatedAt: string | null;
}

/** A reward of the catalogue (GET /api/rewards; the customer surfaces add canAfford/inStock). */
export interface Reward {
  id: string;
  title: string;
  type: RewardType | string;
  value: Money;
  pointsCost: number;
  enabled: boolean;
  stockLimit: number | null;
  issuedCount: number;
  /** null = unlimited */
  stockRemaining: number | null;
  expiresAfterDays: number | null;
  perCustomerLimit: number | null;
  visibleToGroups: string[];
}
