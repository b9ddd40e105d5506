import { memberNameVariables } from './member-variables';
import { allowedVariables, type MessageEvent } from './message-events';
import type { MessageLanguage } from './message-template';
import type { TemplateVariables } from './template-variables';

export interface MessageRecipient {
  firstName: string | null;
  lastName: string | null;
  balance: number;
  pendingPoints: number;
}

export interface MessageShop {
  name: string;
  domain: string;
}

/** The outbox payload: facts of the event, frozen when it happened (see post-due-credits). */
export interface OutboxPayload {
  points?: number;
  /** The balance right after the event; without it the member's balance at sending time is used. */
  balance?: number;
  description?: string;
  gift_card_code?: string;
  gift_card_value?: string;
  expiry_date?: string;
  [key: string]: unknown;
}

export function portalUrl(shop: MessageShop): string {
  return `https://${shop.domain}/account`;
}

/**
 * Template values for one message, formatted for the member's language and limited to what the
 * event offers (as the preview does), so a send and its preview always agree.
 */
export function messageVariables(event: MessageEvent, language: MessageLanguage, recipient: MessageRecipient, shop: MessageShop, payload: OutboxPayload): TemplateVariables {
  const number = new Intl.NumberFormat(language);
  const signed = new Intl.NumberFormat(language, { signDisplay: 'exceptZero' });
  const points = typeof payload.points === 'number' ? (event === 'balance_adjusted' ? signed : number).format(payload.points) : undefined;
  const offered: TemplateVariables = {
    ...memberNameVariables(recipient),
    balance: number.format(typeof payload.balance === 'number' ? payload.balance : recipient.balance),
    pending_points: number.format(recipient.pendingPoints),
    shop_name: shop.name,
    portal_url: portalUrl(shop),
    ...(points !== undefined ? { points } : {}),
    ...(typeof payload.description === 'string' ? { description: payload.description } : {}),
    ...(typeof payload.gift_card_code === 'string' ? { gift_card_code: payload.gift_card_code } : {}),
    ...(typeof payload.gift_card_value === 'string' ? { gift_card_value: payload.gift_card_value } : {}),
    ...(typeof payload.expiry_date === 'string' ? { expiry_date: formatExpiryDate(payload.expiry_date, language) } : {}),
  };
  const variables: TemplateVariables = {};
  for (const name of allowedVariables(event)) if (offered[name] !== undefined) variables[name] = offered[name];
  return variables;
}

/** The expiry job stores the shop-local date ("2027-03-01"); it is written out in the member's language. */
function formatExpiryDate(value: string, language: MessageLanguage): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
}
