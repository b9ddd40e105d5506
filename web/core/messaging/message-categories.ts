import type { MessageEvent } from './message-events';

export type MessageCategory = 'transactional' | 'marketing';

/**
 * Every event message is transactional: each is about the member's own account and is caused by
 * something that happened to it (an order, a staff adjustment, a redemption, expiry, joining).
 * `welcome` is transactional too: it confirms the member's own sign-up and tells them their
 * balance and where to see it. A shop that turns it into a promotion should send that as a
 * campaign (marketing) instead. Bulk sends and campaigns are always marketing.
 */
const CATEGORY: Record<MessageEvent, MessageCategory> = {
  points_credited: 'transactional',
  balance_adjusted: 'transactional',
  gift_card_issued: 'transactional',
  reward_failed: 'transactional',
  points_expiring: 'transactional',
  welcome: 'transactional',
  // Campaign messages promote the shop: sent only with marketing consent.
  birthday: 'marketing',
  anniversary: 'marketing',
  thank_you: 'marketing',
  win_back: 'marketing',
  nth_visit: 'marketing',
};

export function messageCategory(event: MessageEvent): MessageCategory {
  return CATEGORY[event];
}
