// The JSON shapes of the admin API's bulk messages, per-event channels, SMS pricing, the demo inbox and
// message retry. Type-only (and plain constants), shared by the server and the admin UI.
import type { MessageLanguage, MessageTemplate } from './messaging-api';
import type { Money } from './common';

export const MESSAGE_CHANNEL_CHOICES = ['email', 'sms', 'both'] as const;
export type MessageChannelChoice = (typeof MESSAGE_CHANNEL_CHOICES)[number];

export const BULK_MESSAGE_STATUSES = ['scheduled', 'fanning_out', 'sending', 'done', 'cancelled'] as const;
export type BulkMessageStatus = (typeof BULK_MESSAGE_STATUSES)[number];

/** The variables a bulk message may use: member and shop facts, no event-specific ones. */
export const BULK_MESSAGE_VARIABLES = ['first_name', 'last_name', 'full_name', 'balance', 'pending_points', 'shop_name', 'portal_url'] as const;

export interface BulkAudience {
  /** true = every member of the shop (groupIds ignored) */
  allMembers: boolean;
  groupIds: string[];
}

/** What staff compose; content per language (at least the shop's primary language). */
export interface BulkMessageDraft {
  name: string;
  audience: BulkAudience;
  channels: MessageChannelChoice;
  content: Partial<Record<MessageLanguage, MessageTemplate>>;
}

export interface CreateBulkMessageRequest extends BulkMessageDraft {
  /** ISO time; absent or null = now */
  runAt?: string | null;
  /** The confirmation step: the server refuses a send without it. */
  confirm: true;
}

export interface BulkPreviewRequest extends BulkMessageDraft {
  language: MessageLanguage;
}

export interface SmsSegmentsView {
  encoding: string;
  characters: number;
  segments: number;
}

/** Who would receive it, after consent and channel filtering. */
export interface BulkRecipientCount {
  /** members in the audience */
  audience: number;
  email: number;
  sms: number;
  /** members reached on at least one channel */
  reachable: number;
  /** audience members reached on no channel, by reason */
  skipped: Record<string, number>;
}

export interface BulkCostEstimate {
  /** SMS recipients × segments (of the longest language's SMS) */
  segments: number;
  pricePerSegment: Money;
  total: Money;
}

export interface BulkPreviewResponse {
  language: MessageLanguage;
  subject: string;
  html: string;
  text: string;
  sms: string;
  smsSegments: SmsSegmentsView;
  recipients: BulkRecipientCount;
  cost: BulkCostEstimate;
  problems: Array<{ language: string; field: string; code: string; variable?: string; message: string }>;
}

export interface BulkMessageStats {
  total: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  /** skipped and failed rows by reason (lastError, e.g. NO_MARKETING_CONSENT) */
  reasons: Record<string, number>;
}

export interface BulkMessageSummary {
  id: string;
  name: string;
  status: BulkMessageStatus | string;
  channels: MessageChannelChoice | string;
  allMembers: boolean;
  groupIds: string[];
  runAt: string;
  createdAt: string;
  createdBy: string;
  fannedOutAt: string | null;
  finishedAt: string | null;
  cancelledAt: string | null;
  stats: BulkMessageStats;
}

export interface BulkMessageDetail extends BulkMessageSummary {
  content: Partial<Record<MessageLanguage, MessageTemplate>>;
}

export interface BulkRecipientLogItem {
  outboxId: string;
  memberId: string;
  memberName: string;
  recipient: string | null;
  channel: string;
  status: string;
  reason: string | null;
  attempts: number;
  sentAt: string | null;
}

export interface BulkRecipientLog {
  page: number;
  pageSize: number;
  total: number;
  items: BulkRecipientLogItem[];
}

export interface BulkTestSendRequest extends BulkMessageDraft {
  language: MessageLanguage;
  /** the staff member's own e-mail address */
  to: string;
}

export interface EventChannelsView {
  items: Array<{ event: string; channels: MessageChannelChoice }>;
}

export interface SmsPricingView {
  pricePerSegment: Money;
}

export interface CaughtMessageView {
  id: string;
  channel: 'email' | 'sms' | string;
  recipient: string;
  subject: string;
  html: string;
  text: string;
  createdAt: string;
}

export interface BulkAudiencesView {
  groups: Array<{ id: string; name: string; memberCount: number; enabled: boolean }>;
}
