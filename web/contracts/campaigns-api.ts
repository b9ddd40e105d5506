// The JSON shapes of the admin API's campaign routes (/api/campaigns …). Type-only and plain constants,
// shared by the server and the admin UI.

export const CAMPAIGN_KINDS = ['welcome', 'birthday', 'anniversary', 'thank_you', 'nth_visit', 'win_back'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/** Per kind; the server validates them with zod (web/core/campaigns/campaign-settings.ts). */
export interface CampaignSettings {
  /** thank_you: hours after the appointment (or the payment when there is none) */
  delayHours?: number;
  /** nth_visit: points on the Nth, 2Nth … paid visit */
  everyVisits?: number;
  /** win_back: days without a visit */
  daysWithoutVisit?: number;
}

export interface CampaignInput {
  kind: CampaignKind;
  name: string;
  enabled: boolean;
  settings: CampaignSettings;
  points: number;
  sendMessage: boolean;
  /** null = all members */
  audienceGroupId: string | null;
}

export interface CampaignStats {
  membersReached: number;
  deliveries: number;
  pointsGiven: number;
  /** paid orders of reached members after they were first reached, in minor units of the shop currency */
  revenueAfterMinor: number;
  currency: string;
}

export interface CampaignView extends CampaignInput {
  id: string;
  /** the message event sent (birthday, welcome …), null when sendMessage is false */
  messageEvent: string | null;
  activeSince: string | null;
  evaluatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  stats: CampaignStats;
}

/** GET /api/campaigns */
export interface CampaignList {
  items: CampaignView[];
  /** the groups a campaign may target (not archived) */
  audiences: Array<{ id: string; name: string }>;
}

export interface CampaignPreview {
  /** members who qualify right now and have not been reached in this period */
  count: number;
  sample: Array<{ id: string; name: string; email: string | null }>;
}
