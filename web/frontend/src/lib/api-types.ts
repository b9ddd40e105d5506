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
  /** `reason`: why a message was not sent or failed (NO_EMAIL_SERVER, NO_MARKETING_CONSENT, the server's answer …). */
  messages: Array<{ id: string; event: string; channel: string; status: string; createdAt: string; reason: string | null }>;
  visits: { lastVisitAt: string | null; nextAppointmentAt: string | null; memberSince: string };
}

/** "`points` points are worth `valueMinor`" (web/core/reports/point-value.ts); null while points have no money value. */
export interface PointValue {
  valueMinor: number;
  points: number;
  currency: string;
  source: 'owner' | 'reward';
  rewardTitle?: string;
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
    liabilityMinor: number | null;
    currency: string;
    pointValue: PointValue | null;
  };
}

export interface DashboardStats {
  members: number;
  issued: number;
  redeemed: number;
  pending: number;
  expired: number;
  liabilityPoints: number;
  /** The liability in money at `pointValue`, the same figure as the report's; null while points have no value. */
  liabilityMinor: number | null;
  currency: string;
  pointValue: PointValue | null;
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
  /** The owner's stated point value; null = derived from the rewards. */
  pointValue: { valueMinor: number; points: number } | null;
}

export function memberName(member: { firstName: string | null; lastName: string | null; email?: string | null }): string {
  const name = [member.firstName, member.lastName].filter(Boolean).join(' ').trim();
  return name || member.email || '';
}

// ---- Rewards and redemptions (GET/POST/PATCH/DELETE /api/rewards, GET /api/redemptions) ----------

export type RewardType = 'gift_card' | 'store_credit';
export const REWARD_TYPES: RewardType[] = ['gift_card', 'store_credit'];

export interface Reward {
  id: string;
  title: string;
  type: RewardType | string;
  value: { amountMinor: number; currency: string };
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

/**
 * The complete body for a reward. PATCH /api/rewards/:id is sent complete, never partial: the
 * server's patch schema fills absent fields with their defaults (stock, expiry and per-customer limit
 * become null, type gift_card, enabled true), so a partial patch would wipe them.
 */
export function rewardBody(reward: Reward, changes: Partial<RewardInput> = {}): RewardInput {
  return {
    title: reward.title,
    type: reward.type === 'store_credit' ? 'store_credit' : 'gift_card',
    valueMinor: reward.value.amountMinor,
    currency: reward.value.currency,
    pointsCost: reward.pointsCost,
    enabled: reward.enabled,
    stockLimit: reward.stockLimit,
    expiresAfterDays: reward.expiresAfterDays,
    perCustomerLimit: reward.perCustomerLimit,
    visibleToGroups: reward.visibleToGroups,
    ...changes,
  };
}

export type RedemptionStatus = 'requested' | 'issuing' | 'issued' | 'failed' | 'reversed';
export const REDEMPTION_STATUSES: RedemptionStatus[] = ['requested', 'issuing', 'issued', 'failed', 'reversed'];

export interface Redemption {
  id: string;
  rewardId: string;
  type: string;
  status: RedemptionStatus | string;
  points: number;
  value: { amountMinor: number; currency: string };
  /** Only once the card exists, e.g. "•••• •••• •••• MHDK". Staff never see the code. */
  maskedCode: string | null;
  giftCardId: string | null;
  expiresOn: string | null;
  requestedBy: string;
  lastError: string | null;
  createdAt: string;
  issuedAt: string | null;
  reversedAt: string | null;
  deactivatedAt: string | null;
  memberId: string;
  customerId: string | null;
}

// ---- Messaging (templates, SMTP, consents) -------------------------------------------------------

export const MESSAGE_EVENTS = ['points_credited', 'balance_adjusted', 'gift_card_issued', 'reward_failed', 'points_expiring', 'welcome'] as const;
export type MessageEvent = (typeof MESSAGE_EVENTS)[number];
export const MESSAGE_LANGUAGES = ['en', 'nl', 'uk', 'da', 'pl'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

export interface MessageTemplate {
  subject: string;
  html: string;
  text: string;
  /** Empty = no SMS for this event. */
  sms: string;
}

export interface TemplateSummary {
  event: MessageEvent;
  language: MessageLanguage;
  customized: boolean;
  updatedAt: string | null;
}

export interface TemplateDetail extends TemplateSummary {
  template: MessageTemplate;
  defaultTemplate: MessageTemplate;
  allowedVariables: string[];
}

export interface TemplateProblem {
  field: keyof MessageTemplate;
  code: 'UNKNOWN_VARIABLE' | 'REQUIRED' | 'SUBJECT_MULTILINE' | 'SMS_TOO_LONG' | string;
  variable?: string;
  length?: number;
  max?: number;
  message: string;
}

export interface TemplateValidation {
  valid: boolean;
  unknownVariables: string[];
  allowedVariables: string[];
  problems: TemplateProblem[];
}

export interface TemplatePreview extends MessageTemplate {
  smsSegments: { encoding: 'GSM-7' | 'UCS-2' | string; characters: number; segments: number };
  validation: TemplateValidation;
}

export interface SmtpSettings {
  source: 'shop' | 'app';
  host: string | null;
  port: number | null;
  secure: boolean;
  user: string;
  passwordSet: boolean;
  /** Always masked by the server. */
  password: string;
  fromAddress: string | null;
}

export type SmtpTestResult =
  | { ok: true; messageId?: string; response?: string }
  | { ok: false; failure: { kind: string; reason: string; retryable: boolean; status?: number } };

export type ConsentKind = 'marketing' | 'transactional_optout' | 'other';
export const CONSENT_KINDS: ConsentKind[] = ['marketing', 'transactional_optout', 'other'];
export const MAX_CONSENT_TYPES = 5;

export interface ConsentType {
  id: string;
  key: string;
  name: string;
  purpose: string;
  required: boolean;
  kind: ConsentKind | string;
  channel: 'email' | 'sms' | null;
  createdAt: string;
  updatedAt: string;
}

export interface MemberConsents {
  consents: Array<{
    consentTypeId: string;
    key: string;
    name: string;
    kind: string;
    granted: boolean;
    answered: boolean;
    source: string | null;
    occurredAt: string | null;
  }>;
  history: Array<{ id: string; consentTypeId: string; granted: boolean; source: string; detail: string; occurredAt: string }>;
}

/** "valueMinor: exceeds …" (how the server prefixes a field's error) -> { field, message }. */
export function fieldOfServerMessage(message: string): { field: string; message: string } | undefined {
  const match = /^([A-Za-z][\w.]*): (.+)$/s.exec(message);
  return match ? { field: match[1]!, message: match[2]! } : undefined;
}
