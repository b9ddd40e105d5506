// Customer groups and tiers as staff create, change, order and archive them (issue 15 items 1-3).
// Every rule that involves the shop's other groups is checked inside the write transaction, with the
// shop's group rows locked (PostgreSQL) or the write lock held (SQLite), so two staff saving at once
// cannot create two default groups, two tiers of one rank or a name twice:
// - a name is unique among the shop's groups, case-insensitively (an archived group gives its name up);
// - a manual group has no rules; an automatic group has a rule tree, unless it is a tier;
// - tiers are automatic, ranked 1..n without gaps, their thresholds rise strictly with the rank, and
//   all of a shop's tiers count the same metric over the same period (thresholds compare only then);
// - at most one default group (a manual one: new members join it and no rule would keep them out);
//   making a group the default clears the flag on the previous one in the same transaction.
// Saving an automatic group or a tier queues the shop's re-evaluation (enqueue-group-reevaluation.ts).
import type { CustomerGroupView } from '../../contracts/groups-api';
import { writeTransaction, type Db, type Prisma, type Tx } from '../db-client';
import { AppError, notFound } from '../errors/app-error';
import { slugOf } from './group-shopify-names';
import { isUniqueViolation } from '../redemption/request-redemption';
import { prismaSqlExecutor } from '../sql/prisma-sql-executor';
import { sql } from '../sql/sql-query';
import { recordStaffAction } from '../staff/record-staff-action';
import type { StaffIdentity } from '../staff/staff-roles';
import { enqueueGroupReevaluation } from './enqueue-group-reevaluation';
import type { BenefitInput, CreateGroupInput, TierOrderInput, UpdateGroupInput } from './group-input-schema';
import { GROUP_LIMITS } from '../../contracts/groups-api';
import { leaveGroup } from './write-membership';
import { rulesOf, toGroupView, type CustomerGroupRow } from './group-view';
import type { GroupRuleTree } from './group-rules';

type GroupRow = CustomerGroupRow & { shopId: string; archivedAt: Date | null };

/** Current member counts of the shop's groups (one grouped query). */
export async function memberCountsOf(prisma: Prisma | Tx, shopId: string): Promise<Map<string, number>> {
  const rows = await prisma.groupMember.groupBy({ by: ['groupId'], where: { shopId }, _count: { _all: true } });
  return new Map(rows.map((row) => [row.groupId, row._count._all]));
}

/** The shop's groups (not archived): tiers first in rank order, then the others by name. */
export async function listGroups(prisma: Prisma, shopId: string): Promise<CustomerGroupView[]> {
  const [rows, counts] = await Promise.all([
    prisma.customerGroup.findMany({ where: { shopId, archivedAt: null } }),
    memberCountsOf(prisma, shopId),
  ]);
  return sortGroups(rows).map((row) => toGroupView(row, counts.get(row.id) ?? 0));
}

function sortGroups<T extends { tierRank: number | null; name: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.tierRank !== null || b.tierRank !== null) return (a.tierRank ?? Number.MAX_SAFE_INTEGER) - (b.tierRank ?? Number.MAX_SAFE_INTEGER);
    return a.name.localeCompare(b.name);
  });
}

export async function getGroup(prisma: Prisma | Tx, shopId: string, groupId: string): Promise<CustomerGroupView> {
  const row = await prisma.customerGroup.findFirst({ where: { id: groupId, shopId, archivedAt: null } });
  if (!row) throw notFound('This group');
  const count = await prisma.groupMember.count({ where: { groupId: row.id } });
  return toGroupView(row, count);
}

/**
 * The shop's live groups, read with the shop's group writes serialised. NO KEY UPDATE conflicts with
 * itself but not with the KEY SHARE locks of foreign-key checks, so orders and members being written
 * for the shop meanwhile do not wait for a group save.
 */
async function lockedGroups(db: Db, tx: Tx, shopId: string): Promise<GroupRow[]> {
  if (db.kind === 'postgresql') await prismaSqlExecutor(tx).query(sql`SELECT "id" FROM "Shop" WHERE "id" = ${shopId} FOR NO KEY UPDATE`);
  return tx.customerGroup.findMany({ where: { shopId, archivedAt: null } });
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** Names differing only in case, accents or punctuation would share one Shopify tag (slugOf): refused too. */
function assertNameFree(groups: GroupRow[], name: string, selfId: string | null): void {
  const taken = groups.find((group) => group.id !== selfId && slugOf(group.name) === slugOf(name));
  if (!taken) return;
  if (sameName(taken.name, name)) {
    throw new AppError('CONFLICT', `A group named "${name}" already exists in this shop; choose another name.`, { field: 'name' });
  }
  throw new AppError('CONFLICT', `"${name}" is too close to the group "${taken.name}": both would get the same Shopify customer tag. Choose another name.`, { field: 'name' });
}

interface Resolved {
  kind: 'manual' | 'automatic';
  rules: GroupRuleTree | null;
  isDefault: boolean;
  tier: { metric: string; threshold: number; period: string } | null;
}

/** The checks that hold for one group whatever the others are. */
function assertShape(group: Resolved): void {
  if (group.kind === 'manual') {
    if (group.rules) throw new AppError('VALIDATION', 'A manual group has no rules; staff choose its members.', { field: 'rules' });
    if (group.tier) throw new AppError('VALIDATION', 'A tier is an automatic group: members move between tiers by their spend or points.', { field: 'tier' });
  } else {
    if (!group.tier && !group.rules) throw new AppError('VALIDATION', 'An automatic group needs at least one rule.', { field: 'rules' });
    if (group.tier && group.rules) throw new AppError('VALIDATION', 'A tier follows its threshold; it has no rules of its own.', { field: 'rules' });
    if (group.isDefault) throw new AppError('VALIDATION', 'Only a manual group can be the default group for new members.', { field: 'isDefault' });
  }
}

/** Thresholds rise strictly with the rank; one metric and period for all tiers. */
function assertTierLadder(tiers: Array<{ name: string; metric: string; threshold: number; period: string }>): void {
  if (tiers.length > GROUP_LIMITS.maxTiers) throw new AppError('VALIDATION', `A shop can have at most ${GROUP_LIMITS.maxTiers} tiers.`, { field: 'tier' });
  tiers.forEach((tier, index) => {
    const previous = tiers[index - 1];
    if (!previous) return;
    if (tier.metric !== previous.metric || tier.period !== previous.period) {
      throw new AppError('VALIDATION', 'All tiers count the same measure over the same period; change them for all tiers together in the tier order.', { field: 'tier' });
    }
    if (tier.threshold <= previous.threshold) {
      throw new AppError('VALIDATION', `The threshold of "${tier.name}" must be higher than that of "${previous.name}", the tier below it.`, { field: 'tier.threshold' });
    }
  });
}

function tierLadderOf(groups: GroupRow[]) {
  return groups
    .filter((group) => group.tierRank !== null)
    .sort((a, b) => a.tierRank! - b.tierRank!)
    .map((group) => ({ id: group.id, name: group.name, metric: group.tierMetric ?? '', threshold: Number(group.tierThreshold ?? 0), period: group.tierPeriod ?? '' }));
}

/** Ranks 1..n in the ladder's order, written only where they change. */
async function writeTierRanks(tx: Tx, shopId: string, ladder: Array<{ id: string }>, current: GroupRow[]): Promise<void> {
  const rankById = new Map(current.map((group) => [group.id, group.tierRank]));
  for (const [index, tier] of ladder.entries()) {
    if (rankById.get(tier.id) !== index + 1) await tx.customerGroup.updateMany({ where: { id: tier.id, shopId }, data: { tierRank: index + 1 } });
  }
}

function benefitColumns(benefit: BenefitInput) {
  return {
    benefitKind: benefit.kind,
    benefitMultiplierPercent: benefit.kind === 'bonus' ? (benefit.multiplierPercent ?? null) : null,
    benefitSpendTiers: JSON.stringify(benefit.kind === 'bonus' ? (benefit.spendTiers ?? []) : []),
    benefitDiscountPercent: benefit.kind === 'discount' ? (benefit.discountPercent ?? null) : null,
  };
}

async function clearOtherDefault(tx: Tx, shopId: string, selfId: string | null): Promise<void> {
  await tx.customerGroup.updateMany({ where: { shopId, isDefault: true, ...(selfId ? { id: { not: selfId } } : {}) }, data: { isDefault: false } });
}

function conflictOnRace(error: unknown, name: string | undefined): never {
  if (isUniqueViolation(error)) throw new AppError('CONFLICT', `A group named "${name ?? ''}" already exists in this shop; choose another name.`, { field: 'name' });
  throw error;
}

export async function createGroup(db: Db, shopId: string, staff: StaffIdentity, input: CreateGroupInput, now = new Date()): Promise<CustomerGroupView> {
  const resolved: Resolved = { kind: input.kind, rules: input.rules ?? null, isDefault: input.isDefault ?? false, tier: input.tier ?? null };
  assertShape(resolved);
  try {
    return await writeTransaction(db, async (tx) => {
      const groups = await lockedGroups(db, tx, shopId);
      assertNameFree(groups, input.name, null);
      const ladder = tierLadderOf(groups);
      if (resolved.tier) assertTierLadder([...ladder, { ...resolved.tier, name: input.name }]);
      if (resolved.isDefault) await clearOtherDefault(tx, shopId, null);
      const row = await tx.customerGroup.create({
        data: {
          shopId,
          name: input.name,
          description: input.description ?? '',
          ...(input.colour ? { colour: input.colour } : {}),
          enabled: input.enabled ?? true,
          kind: input.kind,
          rules: JSON.stringify(resolved.rules ?? {}),
          isDefault: resolved.isDefault,
          tierRank: resolved.tier ? ladder.length + 1 : null,
          tierMetric: resolved.tier?.metric ?? null,
          tierThreshold: resolved.tier ? BigInt(resolved.tier.threshold) : null,
          tierPeriod: resolved.tier?.period ?? null,
          ...benefitColumns(input.benefit ?? { kind: 'none' }),
          createdAt: now,
        },
      });
      if (row.kind === 'automatic') await enqueueGroupReevaluation(tx, shopId, now);
      await recordStaffAction(tx, { shopId, userId: staff.userId, action: 'group.create', target: row.id, details: { name: row.name, kind: row.kind, tier: resolved.tier, isDefault: row.isDefault }, at: now });
      return toGroupView(row, 0);
    });
  } catch (error) {
    return conflictOnRace(error, input.name);
  }
}

export async function updateGroup(db: Db, shopId: string, staff: StaffIdentity, groupId: string, input: UpdateGroupInput, now = new Date()): Promise<CustomerGroupView> {
  try {
    return await writeTransaction(db, async (tx) => {
      const groups = await lockedGroups(db, tx, shopId);
      const current = groups.find((group) => group.id === groupId);
      if (!current) throw notFound('This group');
      const currentTier = current.tierRank !== null ? { metric: current.tierMetric ?? '', threshold: Number(current.tierThreshold ?? 0), period: current.tierPeriod ?? '' } : null;
      const resolved: Resolved = {
        kind: current.kind as Resolved['kind'],
        rules: input.rules !== undefined ? input.rules : (rulesOf(current) as GroupRuleTree | null),
        isDefault: input.isDefault ?? current.isDefault,
        tier: input.tier !== undefined ? input.tier : currentTier,
      };
      // Making a group a tier drops its rules unless new ones are sent (which assertShape then refuses).
      if (input.tier && input.rules === undefined) resolved.rules = null;
      assertShape(resolved);
      if (input.name !== undefined) assertNameFree(groups, input.name, groupId);

      // The ladder with this group in its place (kept, appended, changed or left out).
      const others = tierLadderOf(groups).filter((tier) => tier.id !== groupId);
      let ladder = others;
      if (resolved.tier) {
        const entry = { id: groupId, name: input.name ?? current.name, ...resolved.tier };
        const at = current.tierRank !== null ? current.tierRank - 1 : others.length;
        ladder = [...others.slice(0, at), entry, ...others.slice(at)];
        assertTierLadder(ladder);
      }
      if (resolved.isDefault && !current.isDefault) await clearOtherDefault(tx, shopId, groupId);
      await writeTierRanks(tx, shopId, ladder, groups);
      const rank = resolved.tier ? ladder.findIndex((tier) => tier.id === groupId) + 1 : null;
      const row = await tx.customerGroup.update({
        where: { id: groupId },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.colour !== undefined ? { colour: input.colour } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          rules: JSON.stringify(resolved.rules ?? {}),
          isDefault: resolved.isDefault,
          tierRank: rank,
          tierMetric: resolved.tier?.metric ?? null,
          tierThreshold: resolved.tier ? BigInt(resolved.tier.threshold) : null,
          tierPeriod: resolved.tier?.period ?? null,
          ...(input.benefit !== undefined ? benefitColumns(input.benefit) : {}),
          updatedAt: now,
        },
      });
      if (row.kind === 'automatic') await enqueueGroupReevaluation(tx, shopId, now);
      await recordStaffAction(tx, { shopId, userId: staff.userId, action: 'group.update', target: groupId, details: { changes: input }, at: now });
      return toGroupView(row, await tx.groupMember.count({ where: { groupId } }));
    });
  } catch (error) {
    return conflictOnRace(error, input.name);
  }
}

/**
 * Reorders the shop's tiers and sets their thresholds, metric and period in one step (moving a tier
 * up or down usually needs new thresholds too, which one-by-one saves could not pass through).
 */
export async function setTierOrder(db: Db, shopId: string, staff: StaffIdentity, input: TierOrderInput, now = new Date()): Promise<CustomerGroupView[]> {
  return writeTransaction(db, async (tx) => {
    const groups = await lockedGroups(db, tx, shopId);
    const current = tierLadderOf(groups);
    const listed = input.tiers.map((tier) => tier.groupId);
    const currentIds = current.map((tier) => tier.id);
    if (new Set(listed).size !== listed.length || listed.length !== currentIds.length || !currentIds.every((id) => listed.includes(id))) {
      throw new AppError('VALIDATION', 'List every current tier exactly once, lowest first.', { field: 'tiers', tiers: currentIds });
    }
    const byId = new Map(groups.map((group) => [group.id, group]));
    const ladder = input.tiers.map((tier) => ({ id: tier.groupId, name: byId.get(tier.groupId)!.name, metric: input.metric, period: input.period, threshold: tier.threshold }));
    assertTierLadder(ladder);
    // Ranks may collide on the way (2 -> 1 while 1 -> 2): clear them first.
    await tx.customerGroup.updateMany({ where: { shopId, id: { in: listed } }, data: { tierRank: null } });
    for (const [index, tier] of ladder.entries()) {
      await tx.customerGroup.update({
        where: { id: tier.id },
        data: { tierRank: index + 1, tierMetric: input.metric, tierPeriod: input.period, tierThreshold: BigInt(tier.threshold), updatedAt: now },
      });
    }
    await enqueueGroupReevaluation(tx, shopId, now);
    await recordStaffAction(tx, { shopId, userId: staff.userId, action: 'group.tiers', target: '', details: { ...input }, at: now });
    const counts = await memberCountsOf(tx, shopId);
    const rows = await tx.customerGroup.findMany({ where: { shopId, id: { in: listed } } });
    return sortGroups(rows).map((row) => toGroupView(row, counts.get(row.id) ?? 0));
  });
}

/**
 * Archives a group: its members leave it (each with a history row, reason group_archived), the tiers
 * above it move down a rank, and its name becomes free for a new group. The row itself is kept for
 * the history that names it.
 */
export async function archiveGroup(db: Db, shopId: string, staff: StaffIdentity, groupId: string, now = new Date()): Promise<void> {
  await writeTransaction(db, async (tx) => {
    const groups = await lockedGroups(db, tx, shopId);
    const group = groups.find((candidate) => candidate.id === groupId);
    if (!group) throw notFound('This group');
    const memberIds = (await tx.groupMember.findMany({ where: { groupId }, select: { memberId: true } })).map((row) => row.memberId);
    const left = await leaveGroup(tx, { shopId, groupId, memberIds, reason: 'group_archived', detail: staff.userId, now });
    const archivedName = `${group.name} (archived ${now.toISOString().slice(0, 10)} ${group.id.slice(-6)})`.slice(0, 200);
    await tx.customerGroup.update({ where: { id: groupId }, data: { archivedAt: now, isDefault: false, tierRank: null, name: archivedName, memberCount: 0, updatedAt: now } });
    if (group.tierRank !== null) {
      await writeTierRanks(tx, shopId, tierLadderOf(groups).filter((tier) => tier.id !== groupId), groups);
      await enqueueGroupReevaluation(tx, shopId, now);
    }
    await recordStaffAction(tx, { shopId, userId: staff.userId, action: 'group.archive', target: groupId, details: { name: group.name, membersRemoved: left.length }, at: now });
  });
}
