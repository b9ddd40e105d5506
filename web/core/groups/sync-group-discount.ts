// A discount group's Shopify objects, kept in step with the group (the `sync-group-discount` task):
// members carry the group's customer tag, a customer segment selects that tag, and an automatic basic
// discount (percentage off the whole order) is limited to that segment (`context.customerSegments`).
//
// Created once, even under retries and crashes: each id is stored on the group the moment Shopify
// returns it, and before creating anything the task looks for what a crashed attempt may have created
// (the segment by its name, the discount by its own tag) and adopts it. Creates are sent without
// automatic retry after a 5xx (Shopify may have applied them); the task's next attempt adopts instead.
// A rename or a new percentage updates the objects; a disabled or archived group, or one whose benefit
// is no longer a discount, has them deleted. When the group's tag appears, changes or goes away, every
// member's tags are re-synced.
import type { Db } from '../db-client';
import { enqueueTagSyncForGroupMembers } from './enqueue-group-sync';
import { discountTagOf, discountTitleOf, groupTag, segmentNameOf, segmentQueryOf } from './group-shopify-names';
import { GroupSyncFailure, type DiscountSeen, type GroupShopAccess, type GroupShopifyPort, type SegmentSeen } from './group-shopify-port';
import { loadGroupShop } from './load-group-shop';

export interface GroupSyncDeps {
  db: Db;
  port: GroupShopifyPort;
  now: () => Date;
}

export type GroupDiscountOutcome = 'synced' | 'removed' | 'nothing-to-do';

interface GroupRow {
  id: string;
  shopId: string;
  name: string;
  enabled: boolean;
  benefitKind: string;
  benefitDiscountPercent: number | null;
  archivedAt: Date | null;
  shopifyTag: string | null;
  shopifySegmentId: string | null;
  shopifyDiscountId: string | null;
}

/**
 * What the group's Shopify objects follow: its tag, segment and discount change only when this does.
 * Stored on the group after a successful sync; the sync job queues a sync for groups where it differs.
 */
export function groupSyncState(group: Pick<GroupRow, 'name' | 'enabled' | 'benefitKind' | 'benefitDiscountPercent' | 'archivedAt'>, tagPrefix: string): string {
  return hasActiveDiscount(group) ? JSON.stringify({ name: group.name, percent: group.benefitDiscountPercent, prefix: tagPrefix }) : 'none';
}

export function hasActiveDiscount(group: Pick<GroupRow, 'enabled' | 'benefitKind' | 'benefitDiscountPercent' | 'archivedAt'>): boolean {
  return group.enabled && group.archivedAt === null && group.benefitKind === 'discount' && (group.benefitDiscountPercent ?? 0) > 0;
}

export async function syncGroupDiscount(deps: GroupSyncDeps, groupId: string): Promise<GroupDiscountOutcome> {
  const { db } = deps;
  // Two tasks for one group (a rename queued while the first sync runs) must not both create objects:
  // the group is held first, then read, so the ids a finished sync stored are seen.
  const now = deps.now();
  const held = await db.prisma.customerGroup.updateMany({
    where: { id: groupId, OR: [{ shopifySyncLockedUntil: null }, { shopifySyncLockedUntil: { lt: now } }] },
    data: { shopifySyncLockedUntil: new Date(now.getTime() + SYNC_LEASE_MS) },
  });
  if (held.count === 0) {
    if (!(await db.prisma.customerGroup.count({ where: { id: groupId } }))) return 'nothing-to-do';
    throw new GroupSyncFailure('Another sync of this group is running; retrying later.', true);
  }
  try {
    const group = (await db.prisma.customerGroup.findUnique({ where: { id: groupId } })) as GroupRow | null;
    const shop = group ? await loadGroupShop(db, group.shopId) : null;
    return group && shop ? await syncHeldGroup(deps, group, shop) : 'nothing-to-do';
  } finally {
    await db.prisma.customerGroup.updateMany({ where: { id: groupId }, data: { shopifySyncLockedUntil: null } });
  }
}

/** How long a sync may hold its group before another may take over (a crashed process). */
const SYNC_LEASE_MS = 5 * 60_000;

async function syncHeldGroup(deps: GroupSyncDeps, group: GroupRow, shop: NonNullable<Awaited<ReturnType<typeof loadGroupShop>>>): Promise<GroupDiscountOutcome> {
  const { db } = deps;
  // Only the sync columns: the rest of the group belongs to the group store (groups admin).
  const record: RecordSync = (data) =>
    db.prisma.customerGroup.update({ where: { id: group.id }, data });
  try {
    if (!shop.access) throw new GroupSyncFailure('The shop is not connected to Shopify.', false);
    const outcome = hasActiveDiscount(group) ? await keepInStep(deps, group, shop.access, shop.tagPrefix, record) : await remove(deps, group, shop.access, record);
    // Members get the new tag and lose the old one (which may not carry today's prefix any more).
    if (outcome.tagChanged) await enqueueTagSyncForGroupMembers(db, group, shop.domain, deps.now(), group.shopifyTag ? [group.shopifyTag] : []);
    await record({ shopifySyncedState: groupSyncState(group, shop.tagPrefix) });
    return outcome.result;
  } catch (error) {
    const retryable = !(error instanceof GroupSyncFailure) || error.retryable;
    await record({ shopifySyncStatus: retryable ? 'pending' : 'failed', shopifySyncError: (error as Error).message.slice(0, 500) });
    if (!retryable) throw Object.assign(error as Error, { permanent: true });
    throw error;
  }
}

type SyncColumns = Partial<Pick<GroupRow, 'shopifyTag' | 'shopifySegmentId' | 'shopifyDiscountId'>> & { shopifySyncStatus?: string; shopifySyncError?: string | null; shopifySyncedState?: string };
type RecordSync = (data: SyncColumns) => Promise<unknown>;

async function keepInStep(deps: GroupSyncDeps, group: GroupRow, access: GroupShopAccess, prefix: string, record: RecordSync): Promise<{ result: GroupDiscountOutcome; tagChanged: boolean }> {
  const { port } = deps;
  const percent = group.benefitDiscountPercent!;
  const tag = groupTag(prefix, group.name);
  const wanted = { name: segmentNameOf(group.name), query: segmentQueryOf(tag) };

  let segment: SegmentSeen | null = group.shopifySegmentId ? await port.readSegment(access, group.shopifySegmentId) : null;
  segment ??= await port.findSegmentByName(access, wanted.name);
  if (!segment) {
    const created = await port.createSegment(access, wanted);
    if (!created.ok) throw new GroupSyncFailure(`Shopify refused the customer segment: ${created.message}`, false);
    segment = created.segment;
  } else if (segment.name !== wanted.name || segment.query !== wanted.query) {
    const updated = await port.updateSegment(access, segment.id, wanted);
    if (!updated.ok) throw new GroupSyncFailure(`Shopify refused the customer segment update: ${updated.message}`, false);
    segment = updated.segment;
  }
  if (segment.id !== group.shopifySegmentId) await record({ shopifySegmentId: segment.id });

  const input = { title: discountTitleOf(group.name, percent), percent, segmentId: segment.id, tag: discountTagOf(group.id), startsAt: deps.now().toISOString() };
  let discount: DiscountSeen | null = group.shopifyDiscountId ? await port.readDiscount(access, group.shopifyDiscountId) : null;
  discount ??= await port.findDiscountByTag(access, input.tag);
  if (!discount) {
    const created = await port.createDiscount(access, input);
    if (!created.ok) throw new GroupSyncFailure(`Shopify refused the automatic discount: ${created.message}`, false);
    discount = created.discount;
  } else if (discount.title !== input.title || discount.percent !== percent || discount.segmentIds.join() !== segment.id) {
    const { startsAt: _unchanged, ...changes } = input;
    const updated = await port.updateDiscount(access, discount.id, { ...changes, removeSegmentIds: discount.segmentIds.filter((id) => id !== segment!.id) });
    if (!updated.ok) throw new GroupSyncFailure(`Shopify refused the automatic discount update: ${updated.message}`, false);
    discount = updated.discount;
  }
  const tagChanged = group.shopifyTag !== tag;
  await record({ shopifyDiscountId: discount.id, shopifyTag: tag, shopifySyncStatus: 'synced', shopifySyncError: null });
  return { result: 'synced', tagChanged };
}

async function remove(deps: GroupSyncDeps, group: GroupRow, access: GroupShopAccess, record: RecordSync): Promise<{ result: GroupDiscountOutcome; tagChanged: boolean }> {
  const { port } = deps;
  const discount = group.shopifyDiscountId ? { id: group.shopifyDiscountId } : await port.findDiscountByTag(access, discountTagOf(group.id));
  if (discount) await port.deleteDiscount(access, discount.id);
  await record({ shopifyDiscountId: null });
  const segment = group.shopifySegmentId ? { id: group.shopifySegmentId } : await port.findSegmentByName(access, segmentNameOf(group.name));
  if (segment) await port.deleteSegment(access, segment.id);
  const tagChanged = group.shopifyTag !== null;
  await record({ shopifySegmentId: null, shopifyTag: null, shopifySyncStatus: 'synced', shopifySyncError: null });
  return { result: discount || segment || tagChanged ? 'removed' : 'nothing-to-do', tagChanged };
}
