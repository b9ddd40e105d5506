// What a campaign may be set to, per kind, validated with zod: the settings JSON, the points and the
// message. Each kind sends its own message event (the templates are per event).
import { z } from 'zod';
import { CAMPAIGN_KINDS, type CampaignKind } from '../../contracts/campaigns-api';
import type { MessageEvent } from '../messaging/message-events';

export { CAMPAIGN_KINDS, type CampaignKind };

export const CAMPAIGN_MESSAGE_EVENT: Record<CampaignKind, MessageEvent> = {
  welcome: 'welcome',
  birthday: 'birthday',
  anniversary: 'anniversary',
  thank_you: 'thank_you',
  nth_visit: 'nth_visit',
  win_back: 'win_back',
};

const settingsSchemas = {
  welcome: z.strictObject({}),
  birthday: z.strictObject({}),
  anniversary: z.strictObject({}),
  thank_you: z.strictObject({ delayHours: z.number().int().min(1).max(24 * 14).default(3) }),
  nth_visit: z.strictObject({ everyVisits: z.number().int().min(2).max(1000) }),
  win_back: z.strictObject({ daysWithoutVisit: z.number().int().min(7).max(3650) }),
} satisfies Record<CampaignKind, z.ZodType>;

export type CampaignSettingsOf = { [K in CampaignKind]: z.infer<(typeof settingsSchemas)[K]> };

export const MAX_CAMPAIGN_POINTS = 100_000;

const commonFields = {
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(false),
  points: z.number().int().min(0).max(MAX_CAMPAIGN_POINTS).default(0),
  sendMessage: z.boolean().default(true),
  audienceGroupId: z.string().min(1).max(100).nullable().default(null),
};

const variant = <K extends CampaignKind>(kind: K) =>
  z.strictObject({ kind: z.literal(kind), settings: (settingsSchemas[kind] as z.ZodType<Record<string, unknown>>).optional().transform((v) => settingsSchemas[kind].parse(v ?? {}) as Record<string, unknown>), ...commonFields });

export const campaignInputSchema = z
  .discriminatedUnion('kind', [
    variant('welcome'),
    variant('birthday'),
    variant('anniversary'),
    variant('thank_you'),
    variant('nth_visit'),
    variant('win_back'),
  ])
  .refine((input) => input.points > 0 || input.sendMessage, { message: 'A campaign gives points, sends a message or both.', path: ['points'] });

export interface ValidCampaignInput {
  kind: CampaignKind;
  name: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  points: number;
  sendMessage: boolean;
  audienceGroupId: string | null;
}

export function parseCampaignInput(body: unknown): ValidCampaignInput {
  return campaignInputSchema.parse(body);
}

/** Stored settings read back (and defaulted) for the kind; a row edited by hand that no longer parses fails loudly. */
export function parseCampaignSettings<K extends CampaignKind>(kind: K, json: string): CampaignSettingsOf[K] {
  return settingsSchemas[kind].parse(JSON.parse(json)) as CampaignSettingsOf[K];
}

export function isCampaignKind(value: string): value is CampaignKind {
  return (CAMPAIGN_KINDS as readonly string[]).includes(value);
}
