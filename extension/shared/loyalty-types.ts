// The JSON our server answers to the customer surfaces (app proxy /proxy/* and /ext/customer/*).
// Kept by hand next to the server's shapes in web/core/redemption/customer-account.ts and
// web/server/http/extensions/*; the integration tests exercise both sides.
export interface Money {
  amountMinor: number;
  currency: string;
}

export interface PendingPoints {
  points: number;
  description: string;
  /** null: credited once the order is fulfilled (date not known yet) */
  availableAt: string | null;
}

export interface BalanceView {
  balance: number;
  pendingPoints: number;
  pending: PendingPoints[];
  /** Group / tier of the member once groups exist; absent until then. */
  tier?: { name: string } | null;
}

export interface HistoryEntry {
  id: string;
  type: 'earn' | 'redeem' | 'adjust' | 'expire' | 'reversal' | string;
  status: 'pending' | 'posted' | 'voided' | string;
  points: number;
  description: string;
  createdAt: string;
  postedAt: string | null;
  availableAt: string | null;
}

export interface HistoryPage {
  items: HistoryEntry[];
  nextCursor: string | null;
}

export interface RewardView {
  id: string;
  title: string;
  type: 'gift_card' | 'store_credit' | string;
  value: Money;
  pointsCost: number;
  stockRemaining: number | null;
  expiresAfterDays: number | null;
  canAfford: boolean;
  inStock: boolean;
}

export interface RewardsView {
  balance: number;
  rewards: RewardView[];
}

export interface RedemptionView {
  id: string;
  rewardId: string;
  type: string;
  status: 'requested' | 'issuing' | 'issued' | 'failed' | 'reversed';
  points: number;
  value: Money;
  maskedCode: string | null;
  expiresOn: string | null;
  createdAt: string;
}

export interface RedeemAnswer {
  redemption: RedemptionView;
  /** The full code, only in the answer to the customer who redeemed and once the card exists */
  code: string | null;
  pending: boolean;
}

export interface ProgramView {
  currency: string;
  earningMode: 'rate' | 'spend_tiers' | string;
  pointsPerCurrencyUnit: number;
  pointsPerVisit: number;
  creditDelayMinutes: number;
  services: Array<{ title: string; points: number }>;
  signedIn: boolean;
}

export interface OrderPointsView {
  orderId: string;
  points: number;
  status: 'none' | 'pending' | 'posted' | 'mixed';
  /** Latest moment one of the order's pending entries becomes available; null when not dated */
  availableAt: string | null;
  postedAt: string | null;
}
