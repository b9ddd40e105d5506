// The JSON shapes of the admin API (/api/*, issue 6). The server's view builders in web/core return
// these types and the admin UI reads them, so a change on either side fails `npm run typecheck`.
// Type-only (and plain constants): nothing here may pull a library into a bundle.
import type { RedemptionView, Reward, RewardType } from './common';

export type { Money, Page, EntryType, EntryStatus, SourceType, RewardType, RedemptionStatus, Reward, RedemptionView } from './common';
export { ENTRY_TYPES, ENTRY_STATUSES, SOURCE_TYPES, REWARD_TYPES, REDEMPTION_STATUSES } from './common';

export interface Member {
  id: string;
  shopifyCustomerId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  balance: number;
  pendingPoints: number;
  lifetimeSpendMinor: number;
  currency: string;
  lastVisitAt: string | null;
  createdAt: string;
}

export interface Entry {
  id: string;
  memberId: string;
  createdAt: string;
  type: string;
  status: string;
  points: number;
  description: string;
  sourceType: string;
  sourceId: string;
  orderId: string | null;
  staffUserId: string | null;
  locationId: string | null;
  availableAt: string | null;
  postedAt: string | null;
}

export interface MemberDetail {
  member: Member;
  pending: Array<{ id: string; points: number; availableAt: string | null; description: string }>;
  /** `reason`: why a message was not sent or failed (NO_EMAIL_SERVER, NO_MARKETING_CONSENT, the server's answer …) */
  messages: Array<{ id: string; event: string; channel: string; status: string; createdAt: string; sentAt: string | null; reason: string | null }>;
  /** From the member's orders: the last appointment or purchase that has happened, the next booked one, the first order. */
  visits: { lastVisitAt: string | null; nextAppointmentAt: string | null; memberSince: string };
}

export interface AdjustmentResult {
  entry: Entry;
  member: Member;
  /** false: the same idempotency key was already applied and this is its result */
  created: boolean;
}

/** POST /api/adjustments/bulk (preview and apply) */
export interface BulkRow {
  line: number;
  customer: string;
  points: number | null;
  description: string;
  memberId: string | null;
  memberName: string | null;
  error: string | null;
}

export interface BulkResult {
  rows: BulkRow[];
  valid: boolean;
  applied: boolean;
  /** points added (positive) and removed (negative) over all rows */
  totalPoints: number;
}

export type ReportEntry = Entry & { memberName: string; memberEmail: string | null };

export interface ReportTotals {
  /** posted earn entries */
  earned: number;
  /** posted redemptions, as a positive number */
  spent: number;
  /** entries still pending */
  pending: number;
  /** posted expiries, as a positive number */
  expired: number;
  /** net of posted manual adjustments (signed) */
  adjusted: number;
  /** net of posted reversals (refund clawbacks, returned redemptions; signed) */
  reversed: number;
  /** outstanding posted balance now: of the filtered member, else of every member of the shop */
  liabilityPoints: number;
  /** the liability in money at `pointValue`; null while points have no money value (no reward, no stated value) */
  liabilityMinor: number | null;
  currency: string;
  pointValue: PointValue | null;
}

export type PointValueSource = 'owner' | 'reward';

/** What one point is worth in money (web/core/reports/point-value.ts). */
export interface PointValue {
  /** `points` points are worth `valueMinor` minor units of `currency`. */
  valueMinor: number;
  points: number;
  currency: string;
  source: PointValueSource;
  /** The reward the value was derived from (source = reward). */
  rewardTitle?: string;
}

export interface ReportResponse {
  items: ReportEntry[];
  total: number;
  page: number;
  pageSize: number;
  totals: ReportTotals;
}

/** GET /api/dashboard */
export interface DashboardStats {
  from: string;
  to: string;
  members: number;
  issued: number;
  redeemed: number;
  pending: number;
  expired: number;
  liabilityPoints: number;
  /** the same money figure as the report's (web/core/reports/point-value.ts); null while points have no value */
  liabilityMinor: number | null;
  currency: string;
  pointValue: PointValue | null;
  /** redeemed / issued in the range, 0..1 (0 when nothing was issued) */
  redemptionRate: number;
  topServices: Array<{ productId: string; title: string; points: number }>;
  series: Array<{ date: string; earned: number; spent: number }>;
}

export interface LoyaltySettings {
  enabled: boolean;
  isService: boolean;
  pointsMode: 'fixed' | 'rate';
  fixedPoints: number;
  multiplierPercent: number;
}

export interface ProductRow {
  productId: string;
  title: string;
  productType: string;
  vendor: string;
  isGiftCard: boolean;
  status: string;
  loyalty: LoyaltySettings;
}

export interface ProductLoyaltyView {
  productId: string;
  title: string;
  isGiftCard: boolean;
  product: LoyaltySettings;
  variants: Array<{ variantId: string; title: string; settings: LoyaltySettings | null }>;
}

export interface BookingPropertyConfig {
  startKeys?: string[];
  endKeys?: string[];
  dateKeys?: string[];
  timeKeys?: string[];
  durationKeys?: string[];
  format?: string;
}

export interface ProgramSettings {
  pointsPerCurrencyUnit: number;
  rounding: 'down' | 'nearest' | 'up';
  pointsPerVisit: number;
  creditDelayMinutes: number;
  productCreditDelayMinutes: number;
  productCreditTrigger: 'paid' | 'fulfilled';
  clawbackPolicy: 'claw_back' | 'keep';
  allowNegativeBalance: boolean;
  earningMode: 'rate' | 'spend_tiers';
  spendTiers: Array<{ fromMinor: number; basisPoints: number }>;
  bookingPropertyConfig: BookingPropertyConfig;
  dateOrder: 'DMY' | 'MDY' | '';
  /** the owner's stated point value, null when it is derived from the rewards */
  pointValue: { valueMinor: number; points: number } | null;
  /** prefix of the Shopify customer tags of discount groups' members (tag = prefix + group slug) */
  groupTagPrefix?: string;
}

/** A group a reward can be limited to (GET /api/rewards answers them beside the rewards). */
export interface RewardGroupOption {
  id: string;
  name: string;
  /** null: an ordinary group; 1 = the entry tier */
  tierRank: number | null;
}

/** GET /api/rewards */
export interface RewardsList {
  items: Reward[];
  groups: RewardGroupOption[];
}

/** The body of POST /api/rewards (PATCH takes any subset). */
export interface RewardInput {
  title: string;
  type: RewardType;
  valueMinor: number;
  currency: string;
  pointsCost: number;
  enabled: boolean;
  stockLimit: number | null;
  expiresAfterDays: number | null;
  perCustomerLimit: number | null;
  visibleToGroups?: string[];
}

/** A redemption in the admin (GET /api/redemptions): the customer's view plus whose it is. */
export interface Redemption extends RedemptionView {
  memberId: string;
  customerId: string | null;
}

export type SetupStepId = 'services' | 'reward' | 'testBooking' | 'widget' | 'email' | 'programOn';

/** GET /api/setup (web/core/shops/setup-guide.ts). */
export interface SetupGuide {
  steps: Array<{ id: SetupStepId; done: boolean; manual: boolean }>;
  completed: number;
  total: number;
  done: boolean;
  emailServer: 'shop' | 'app' | null;
}

/** GET /api/locations: a location of the shop; `name` is null for an id seen on orders but not synced (yet). */
export interface LocationView {
  /** Shopify GID */
  id: string;
  name: string | null;
  city: string;
  active: boolean;
  deleted: boolean;
}

/** GET /api/report/locations and /api/dashboard/locations: what each location did in a period. */
export interface LocationFigures {
  /** null: orders and entries without a location (online orders, redemptions, adjustments) */
  locationId: string | null;
  name: string | null;
  /** posted earn entries */
  earned: number;
  /** earn entries still pending */
  pending: number;
  /** posted redemptions at the location, as a positive number */
  redeemed: number;
  /** orders processed in the period (cancelled ones left out) */
  orders: number;
  /** distinct members with such an order */
  customers: number;
  /** eligible spend of those orders, integer minor units of `currency` */
  revenueMinor: number;
  currency: string;
}

export interface LocationFiguresResponse {
  from: string | null;
  to: string | null;
  items: LocationFigures[];
}
