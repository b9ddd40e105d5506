// The task kinds of the groups' Shopify side (registered with their retry policy in
// web/core/tasks/task-kinds.ts, run by web/runtime/task-handlers.ts).

/** Bring members' Shopify customer tags in line with their discount groups. Payload: { shopId, memberIds }. */
export const SYNC_MEMBER_TAGS_TASK = 'sync-member-tags';
/** Create, update or delete a group's customer segment and automatic discount. Payload: { groupId }. */
export const SYNC_GROUP_DISCOUNT_TASK = 'sync-group-discount';
/**
 * Re-evaluate members against the automatic groups and tiers after an event (order, refund, credit,
 * consent, customer update). Payload: { shopId, memberIds, reason, at } (at: when the event happened).
 */
export const REFRESH_MEMBER_GROUPS_TASK = 'refresh-member-groups';
