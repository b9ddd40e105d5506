// The JSON our server answers to the customer surfaces: the app proxy (/proxy/*, the theme widget)
// and /ext/customer/* (checkout and customer-account extensions). The server's builders in
// web/core/redemption/customer-account.ts, web/core/ledger/read-order-points.ts and
// web/core/programme/read-public-program.ts return these types, so a change on either side fails
// `npm run typecheck`.
import type { Money, Page, RedemptionView, Reward } from './common';

export type { Money, RedemptionView } from './common';

export interface PendingPoints {
  points: number;
  description: string;
  /** null: credited once the order is fulfilled (date not known yet) */
  availableAt: string | null;
}

/** What a tier gives its members, for the customer to read. */
export type TierBenefit =
  | { kind: 'multiplier'; percent: number }
  | { kind: 'spend_rate'; basisPoints: number }
  | { kind: 'discount'; percent: number };

/**
 * The member's tier and the way to the next one ("€150 more to Gold"): the next tier's threshold
 * minus what the member reached over the tier period, computed by the server.
 */
export interface TierView {
  /** null: the member is in no tier yet (the shop has tiers) */
  name: string | null;
  colour: string | null;
  benefits: TierBenefit[];
  metric: 'spend' | 'points_earned';
  period: 'calendar_year' | 'rolling_12_months';
  /** what the member reached over the period: minor units of `currency` (spend) or points */
  reached: number;
  currency: string;
  next: { name: string; benefits: TierBenefit[]; threshold: number; remaining: number } | null;
}

/** GET /proxy/balance */
export interface BalanceView {
  balance: number;
  pendingPoints: number;
  pending: PendingPoints[];
  /** The member's tier and progress; null or absent when the shop has no tiers. */
  tier?: TierView | null;
  /** The birthday the customer (or the shop) recorded, "MM-DD"; null = none yet, the customer may enter it once. */
  birthday?: string | null;
  /**
   * "120 points expire on 1 March": the posted points, and noon UTC of the shop-local expiry day
   * ("2027-03-01T12:00:00Z", which any customer time zone formats as that day). Absent when points do not expire.
   */
  expiring?: { points: number; on: string } | null;
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

/** GET /proxy/history, GET /ext/customer/history */
export type HistoryPage = Page<HistoryEntry>;

/** A reward as a signed-in customer sees it. */
export interface RewardView extends Reward {
  canAfford: boolean;
  inStock: boolean;
}

/** GET /proxy/rewards */
export interface RewardsView {
  balance: number;
  rewards: RewardView[];
}

/** POST /proxy/redeem, POST /ext/customer/redeem, GET …/redemptions/:id */
export interface RedeemAnswer {
  redemption: RedemptionView;
  /** The full code, only in the answer to the customer who redeemed and once the card exists */
  code: string | null;
  pending: boolean;
}

/** The programme's earning rules as a customer may see them. */
export interface PublicProgram {
  currency: string;
  earningMode: 'rate' | 'spend_tiers' | string;
  pointsPerCurrencyUnit: number;
  pointsPerVisit: number;
  creditDelayMinutes: number;
  /** Enabled services with fixed points, most generous first */
  services: Array<{ title: string; points: number }>;
}

/** GET /proxy/program */
export interface ProgramView extends PublicProgram {
  signedIn: boolean;
}

/** GET /ext/customer/orders/:orderId/points */
export interface OrderPointsView {
  orderId: string;
  points: number;
  status: 'none' | 'pending' | 'posted' | 'mixed';
  /** Latest moment one of the order's pending entries becomes available; null when not dated */
  availableAt: string | null;
  postedAt: string | null;
}

/** GET /ext/customer/summary */
export interface CustomerSummary {
  signedIn: boolean;
  program: PublicProgram;
  balance: BalanceView | null;
  rewards: RewardView[];
  redemptions: RedemptionView[];
}
