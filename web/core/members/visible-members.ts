// Which members a staff user may see: the one place that decides it. Owners, managers and staff are
// unlimited unless the owner limits them to locations; a limited user sees a member only through their
// locations' activity (at least one order or ledger entry at one of them). Everyone else answers as if
// the member did not exist (NOT_FOUND, never FORBIDDEN: a limited user must not learn who is a member).
// Used by the member list and search, the member page and history, adjustments, and the report.
import { AppError } from '../errors/app-error';
import type { SqlExecutor } from '../sql/sql-executor';
import { sql, sqlList, sqlText, type SqlQuery } from '../sql/sql-query';

export interface MemberScope {
  /** null: every member of the shop; else the Location GIDs whose members are visible */
  locationIds: readonly string[] | null;
}

export const EVERY_MEMBER: MemberScope = { locationIds: null };

export function memberScopeOf(staff: { locationIds?: readonly string[] }): MemberScope {
  return staff.locationIds && staff.locationIds.length > 0 ? { locationIds: staff.locationIds } : EVERY_MEMBER;
}

export function isLimited(scope: MemberScope): scope is { locationIds: readonly string[] } {
  return scope.locationIds !== null;
}

export const MEMBER_NOT_FOUND = 'This member was not found in this shop.';

/**
 * A condition on the member id column `memberIdColumn` (trusted text, e.g. `m."id"`), or null when the
 * scope is unlimited. Entries that came from an order carry the order's location, so the order says it;
 * entries without an order (a limited user's adjustment, say) are looked up on their own. Both sets are
 * read through an index on (shopId, locationId, memberId) once per statement (hashed by PostgreSQL, an
 * ephemeral index in SQLite), not per member.
 */
export function visibleMemberCondition(scope: MemberScope, shopId: string, memberIdColumn: string): SqlQuery | null {
  if (!isLimited(scope)) return null;
  const member = sqlText(memberIdColumn);
  const locations = sqlList(scope.locationIds);
  return sql`(${member} IN (SELECT vo."memberId" FROM "OrderRecord" vo WHERE vo."shopId" = ${shopId} AND vo."locationId" IN ${locations} AND vo."memberId" IS NOT NULL)
    OR ${member} IN (SELECT ve."memberId" FROM "LedgerEntry" ve WHERE ve."shopId" = ${shopId} AND ve."orderId" IS NULL AND ve."locationId" IS NOT NULL AND ve."locationId" IN ${locations}))`;
}

/** A condition on a location column (trusted text, e.g. `e."locationId"`): rows at the scope's locations. */
export function scopedLocationCondition(scope: MemberScope, locationColumn: string): SqlQuery | null {
  return isLimited(scope) ? sql`${sqlText(locationColumn)} IN ${sqlList(scope.locationIds)}` : null;
}

/** ` AND <condition>` or nothing, for appending to a WHERE clause. */
export function andCondition(condition: SqlQuery | null): SqlQuery {
  return condition ? sql` AND ${condition}` : sql``;
}

/** Throws NOT_FOUND unless the member belongs to the shop and is visible in the scope. */
export async function assertMemberVisible(client: SqlExecutor, shopId: string, memberId: string, scope: MemberScope): Promise<void> {
  const rows = await client.query<{ id: string }>(
    sql`SELECT m."id" AS "id" FROM "Member" m WHERE m."id" = ${memberId} AND m."shopId" = ${shopId}${andCondition(visibleMemberCondition(scope, shopId, 'm."id"'))}`,
  );
  if (rows.length === 0) throw new AppError('NOT_FOUND', MEMBER_NOT_FOUND);
}

/** As assertMemberVisible, for a member named by Shopify customer GID (e.g. a redemption staff make on a customer's behalf). */
export async function assertCustomerVisible(client: SqlExecutor, shopId: string, customerGid: string, scope: MemberScope): Promise<void> {
  if (!isLimited(scope)) return;
  const rows = await client.query<{ id: string }>(
    sql`SELECT m."id" AS "id" FROM "Member" m WHERE m."shopId" = ${shopId} AND m."shopifyCustomerId" = ${customerGid}${andCondition(visibleMemberCondition(scope, shopId, 'm."id"'))}`,
  );
  if (rows.length === 0) throw new AppError('NOT_FOUND', MEMBER_NOT_FOUND);
}

/**
 * The location a limited user's manual adjustment is recorded at: the member's most recent location
 * among the user's, so the entry shows in the user's own (location-scoped) report. Null when unlimited.
 */
export async function adjustmentLocation(client: SqlExecutor, shopId: string, memberId: string, scope: MemberScope): Promise<string | null> {
  if (!isLimited(scope)) return null;
  const locations = sqlList(scope.locationIds);
  const rows = await client.query<{ locationId: string }>(sql`
    SELECT u."locationId" AS "locationId" FROM (
      SELECT o."locationId" AS "locationId", o."processedAt" AS "at" FROM "OrderRecord" o WHERE o."shopId" = ${shopId} AND o."memberId" = ${memberId} AND o."locationId" IN ${locations}
      UNION ALL
      SELECT e."locationId" AS "locationId", e."createdAt" AS "at" FROM "LedgerEntry" e WHERE e."shopId" = ${shopId} AND e."memberId" = ${memberId} AND e."locationId" IN ${locations}
    ) u ORDER BY u."at" DESC LIMIT 1`);
  return rows[0]?.locationId ?? null;
}
