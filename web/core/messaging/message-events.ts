import { MESSAGE_EVENTS, type MessageEvent } from '../../contracts/messaging-api';
import type { TemplateVariable } from './template-variables';

export { MESSAGE_EVENTS, type MessageEvent };

/** Member and shop facts that make sense in every message. */
const COMMON: readonly TemplateVariable[] = [
  'first_name',
  'last_name',
  'full_name',
  'balance',
  'pending_points',
  'shop_name',
  'portal_url',
];

/**
 * Each event only offers the variables its sender can fill. Offering more would let a shop save a
 * template that renders with a hole in it (e.g. a gift card code in a welcome e-mail).
 * `%points%` is the amount the event is about: credited, changed (signed, e.g. "+50" / "-20"),
 * spent on the gift card, returned after a failed reward, about to expire, or a welcome bonus.
 */
const SPECIFIC: Record<MessageEvent, readonly TemplateVariable[]> = {
  points_credited: ['points', 'description'],
  balance_adjusted: ['points', 'description'],
  gift_card_issued: ['points', 'gift_card_code', 'gift_card_value'],
  reward_failed: ['points', 'gift_card_value', 'description'],
  points_expiring: ['points', 'expiry_date'],
  welcome: ['points'],
  birthday: ['points'],
  anniversary: ['points'],
  thank_you: ['points'],
  win_back: ['points'],
  nth_visit: ['points'],
};

export function allowedVariables(event: MessageEvent): readonly TemplateVariable[] {
  return [...COMMON, ...SPECIFIC[event]];
}

export function isMessageEvent(value: string): value is MessageEvent {
  return (MESSAGE_EVENTS as readonly string[]).includes(value);
}
