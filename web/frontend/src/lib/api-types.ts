// Shapes of the admin API's answers (see the contract in issue 6). Money is always integer minor units
// plus an ISO currency; timestamps are ISO strings.

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

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type EntryType = 'earn' | 'redeem' | 'adjust' | 'expire' | 'reversal';
export type EntryStatus = 'pending' | 'posted' | 'voided';
export type SourceType = 'order' | 'line_item' | 'refund' | 'staff' | 'job' | 'redemption' | 'campaign';

export const ENTRY_TYPES: EntryType[] = ['earn', 'redeem', 'adjust', 'expire', 'reversal'];
export const ENTRY_STATUSES: EntryStatus[] = ['pending', 'posted', 'voided'];
export const SOURCE_TYPES: SourceType[] = ['order', 'line_item', 'refund', 'staff', 'job', 'redemption', 'campaign'];

export interface Entry {
  id: string;
  memberId?: string;
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
  pending: Array<{ points: number; availableAt: string | null; description: string }>;
  messages: Array<{ id: string; event: string; channel: string; status: string; createdAt: string }>;
}

export interface AdjustmentResult {
  entry: Entry;
  member: Member;
}

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
  applied: boolean | number;
  /** Sum of all rows' points. */
  totalPoints?: number;
}

export type ReportEntry = Entry & { memberName: string | null; memberEmail: string | null };

export interface ReportResponse {
  items: ReportEntry[];
  total: number;
  page: number;
  pageSize: number;
  totals: {
    earned: number;
    spent: number;
    pending: number;
    expired: number;
    adjusted: number;
    liabilityPoints: number;
    liabilityMinor: number;
    currency: string;
  };
}

export interface DashboardStats {
  members: number;
  issued: number;
  redeemed: number;
  pending: number;
  expired: number;
  liabilityPoints: number;
  /** Optional: the money value of the liability, when the server sends it. */
  liabilityMinor?: number;
  currency?: string;
  /** Redeemed / issued, as a fraction (0.25 = 25 %). */
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
}

export function memberName(member: { firstName: string | null; lastName: string | null; email?: string | null }): string {
  const name = [member.firstName, member.lastName].filter(Boolean).join(' ').trim();
  return name || member.email || '';
}
