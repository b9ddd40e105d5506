// The `sync-member-tags` task: members' Shopify customer tags brought in line with their discount
// groups. Desired state = the GroupMember rows of enabled, unarchived groups with a discount benefit
// (tag = prefix + group name slug); the task reads each customer's current tags first and sends only
// the difference (tagsAdd what is missing, tagsRemove managed tags — those with the prefix — that the
// member should no longer have). So it is idempotent: a retry after a 5xx, or a duplicate task, finds
// the tags already right and changes nothing; no tag is ever added twice.
import type { Db } from '../db-client';
import { sqlClientOf } from '../sql/sql-client';
import { sql, sqlList } from '../sql/sql-query';
import { groupTag, isManagedTag } from './group-shopify-names';
import { GroupSyncFailure, type CustomerTagChange, type GroupShopifyPort } from './group-shopify-port';
import { loadGroupShop } from './load-group-shop';

export interface MemberTagSyncResult {
  changed: number;
  unchanged: number;
  /** members Shopify has no customer for (deleted customers) */
  missing: number;
  /** per-customer refusals (e.g. the 250-tag cap); not retried */
  refused: Array<{ customerId: string; error: string }>;
}

/** Each member's wanted tags (lower case -> as written), for members of this shop. */
async function desiredTags(db: Db, shopId: string, memberIds: string[], prefix: string): Promise<Map<string, { customerId: string; tags: Map<string, string> }>> {
  const client = sqlClientOf(db);
  const members = await client.query<{ id: string; shopifyCustomerId: string }>(sql`
    SELECT "id", "shopifyCustomerId" FROM "Member" WHERE "shopId" = ${shopId} AND "id" IN ${sqlList(memberIds)}`);
  const wanted = new Map(members.map((m) => [m.id, { customerId: m.shopifyCustomerId, tags: new Map<string, string>() }]));
  const rows = await client.query<{ memberId: string; name: string; enabled: boolean | number | bigint }>(sql`
    SELECT gm."memberId" AS "memberId", g."name" AS "name", g."enabled" AS "enabled"
    FROM "GroupMember" gm JOIN "CustomerGroup" g ON g."id" = gm."groupId"
    WHERE gm."shopId" = ${shopId} AND gm."memberId" IN ${sqlList(memberIds)}
      AND g."benefitKind" = 'discount' AND g."archivedAt" IS NULL AND g."benefitDiscountPercent" > 0`);
  for (const row of rows) {
    if (!(row.enabled === true || Number(row.enabled) === 1)) continue;
    const tag = groupTag(prefix, row.name);
    wanted.get(row.memberId)?.tags.set(tag.toLowerCase(), tag);
  }
  return wanted;
}

/** `removeTags`: former tags of the app to take off unless still wanted (a renamed group, a changed prefix). */
export async function syncMemberTags(deps: { db: Db; port: GroupShopifyPort }, shopId: string, memberIds: readonly string[], removeTags: readonly string[] = []): Promise<MemberTagSyncResult> {
  const result: MemberTagSyncResult = { changed: 0, unchanged: 0, missing: 0, refused: [] };
  if (memberIds.length === 0) return result;
  const shop = await loadGroupShop(deps.db, shopId);
  if (!shop) return result;
  if (!shop.access) throw Object.assign(new GroupSyncFailure('The shop is not connected to Shopify.', false), { permanent: true });
  const wanted = await desiredTags(deps.db, shopId, [...new Set(memberIds)], shop.tagPrefix);
  const current = await deps.port.readCustomerTags(shop.access, [...wanted.values()].map((w) => w.customerId));
  const changes: CustomerTagChange[] = [];
  for (const { customerId, tags } of wanted.values()) {
    const have = current.get(customerId);
    if (!have) {
      result.missing += 1;
      continue;
    }
    const haveLower = new Set(have.map((tag) => tag.toLowerCase()));
    const add = [...tags].filter(([lower]) => !haveLower.has(lower)).map(([, tag]) => tag);
    const former = new Set(removeTags.map((tag) => tag.toLowerCase()));
    const remove = have.filter((tag) => (isManagedTag(shop.tagPrefix, tag) || former.has(tag.toLowerCase())) && !tags.has(tag.toLowerCase()));
    if (add.length === 0 && remove.length === 0) result.unchanged += 1;
    else changes.push({ customerId, add, remove });
  }
  if (changes.length > 0) result.refused = await deps.port.changeCustomerTags(shop.access, changes);
  result.changed = changes.length - result.refused.length;
  return result;
}
