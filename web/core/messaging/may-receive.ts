import type { MessageCategory } from './message-categories';

export type MessageChannel = 'email' | 'sms';

/**
 * A member's current answer for one of the shop's consent types (the latest entry of its
 * history). `purpose` says what the consent covers; only `marketing` consents unlock marketing.
 * A consent without `channel` covers every channel.
 */
export interface ConsentState {
  purpose: 'marketing' | 'other';
  channel?: MessageChannel;
  granted: boolean;
}

export interface ReceiveInput {
  category: MessageCategory;
  consents: readonly ConsentState[];
  /** The member asked not to get account notifications either. */
  transactionalOptOut: boolean;
  /** A channel-specific consent only counts when the message goes out on that channel. */
  channel?: MessageChannel;
}

export type ReceiveDecision =
  | { allowed: true }
  | { allowed: false; reason: 'NO_MARKETING_CONSENT' | 'TRANSACTIONAL_OPT_OUT' };

/**
 * Marketing needs an explicit granted marketing consent (absence is a no); transactional messages
 * go out unless the member opted out. The reason is returned so the delivery log can say why a
 * member was skipped.
 */
export function decideReceive(input: ReceiveInput): ReceiveDecision {
  if (input.category === 'transactional') {
    return input.transactionalOptOut ? { allowed: false, reason: 'TRANSACTIONAL_OPT_OUT' } : { allowed: true };
  }
  const consented = input.consents.some(
    (consent) =>
      consent.purpose === 'marketing' &&
      consent.granted &&
      (consent.channel === undefined || consent.channel === input.channel),
  );
  return consented ? { allowed: true } : { allowed: false, reason: 'NO_MARKETING_CONSENT' };
}

export function mayReceive(input: ReceiveInput): boolean {
  return decideReceive(input).allowed;
}
