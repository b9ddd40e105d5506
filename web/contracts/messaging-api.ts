// The JSON shapes of the admin API's messaging routes: templates, SMTP settings, consent types.
// Type-only (and plain constants), shared by the server and the admin UI.

/** Sent by automated campaigns (web/core/campaigns); always marketing. */
export const CAMPAIGN_MESSAGE_EVENTS = ['birthday', 'anniversary', 'thank_you', 'win_back', 'nth_visit'] as const;
export const MESSAGE_EVENTS = ['points_credited', 'balance_adjusted', 'gift_card_issued', 'reward_failed', 'points_expiring', 'welcome', ...CAMPAIGN_MESSAGE_EVENTS] as const;
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

