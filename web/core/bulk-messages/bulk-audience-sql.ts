// The SQL pieces a bulk message's recipients are chosen with, shared by the count on the compose page and
// the fan-out, so the number staff confirm is the number written. Member alias: m.
import { sql, sqlList, type SqlQuery } from '../sql/sql-query';

export interface BulkAudienceFilter {
  shopId: string;
  allMembers: boolean;
  groupIds: readonly string[];
}

/**
 * A slice of members by id (after < id <= upTo), repeated inside the subqueries: PostgreSQL may answer
 * an EXISTS with one hashed scan of the whole table, and the slice keeps that scan to the chunk's rows
 * instead of the shop's, so a fan-out chunk costs the same at the end of 100,000 members as at the start.
 */
export interface MemberSlice {
  after: string;
  /** absent: to the end */
  upTo?: string;
}

function sliceOf(column: SqlQuery, slice: MemberSlice | undefined): SqlQuery {
  if (!slice) return sql``;
  return slice.upTo === undefined ? sql` AND ${column} > ${slice.after}` : sql` AND ${column} > ${slice.after} AND ${column} <= ${slice.upTo}`;
}

/** The member is in the audience: the shop's members, limited to the chosen groups' members. */
export function inAudience(audience: BulkAudienceFilter, slice?: MemberSlice): SqlQuery {
  const members = sql`m."shopId" = ${audience.shopId}${sliceOf(sql`m."id"`, slice)}`;
  if (audience.allMembers) return members;
  if (audience.groupIds.length === 0) return sql`1 = 0`;
  return sql`${members} AND EXISTS (
    SELECT 1 FROM "GroupMember" gm WHERE gm."memberId" = m."id" AND gm."shopId" = ${audience.shopId} AND gm."groupId" IN ${sqlList([...audience.groupIds])}${sliceOf(sql`gm."memberId"`, slice)})`;
}

/**
 * A granted marketing consent covering the channel (a consent without a channel covers all), as
 * decideReceive (messaging/may-receive.ts) rules for marketing messages. `channel` is a column reference.
 */
export function marketingConsentFor(channel: SqlQuery, slice?: MemberSlice): SqlQuery {
  return sql`EXISTS (
    SELECT 1 FROM "MemberConsent" mc JOIN "ConsentType" ct ON ct."id" = mc."consentTypeId"
    WHERE mc."memberId" = m."id" AND mc."granted" = true AND ct."kind" = 'marketing'
      AND (ct."channel" IS NULL OR ct."channel" = ${channel})${sliceOf(sql`mc."memberId"`, slice)})`;
}

/** Why the member gets nothing on this channel, or NULL when they get the message. Same order as the sender. */
export function skipReasonFor(channel: SqlQuery, slice?: MemberSlice): SqlQuery {
  return sql`CASE
    WHEN NOT ${marketingConsentFor(channel, slice)} THEN 'NO_MARKETING_CONSENT'
    WHEN ${channel} = 'email' AND COALESCE(m."email", '') = '' THEN 'NO_EMAIL_ADDRESS'
    WHEN ${channel} = 'sms' AND COALESCE(m."phone", '') = '' THEN 'NO_PHONE_NUMBER'
    ELSE NULL END`;
}

/** The chosen channels as a one-column table c("channel"). */
export function channelTable(channels: ReadonlyArray<'email' | 'sms'>): SqlQuery {
  if (channels.length === 2) return sql`(SELECT 'email' AS "channel" UNION ALL SELECT 'sms')`;
  return channels[0] === 'sms' ? sql`(SELECT 'sms' AS "channel")` : sql`(SELECT 'email' AS "channel")`;
}
