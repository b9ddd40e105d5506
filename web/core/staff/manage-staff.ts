// The owner's staff page: list users and change their role and adjustment limit.
import { z } from 'zod';
import { writeTransaction, type Prisma } from '../db-client';
import { AppError } from '../errors/app-error';
import { recordStaffAction } from './record-staff-action';
import { toStaffIdentity } from './resolve-staff-member';
import { DEFAULT_STAFF_ADJUST_LIMIT, staffRoles, type StaffIdentity } from './staff-roles';

export const staffChangeSchema = z
  .object({
    role: z.enum(staffRoles),
    adjustLimit: z.number().int().min(0).max(10_000_000).nullable().optional(),
    name: z.string().trim().max(120).optional(),
    /** Location GIDs the user is limited to; [] = every location; absent = unchanged */
    locationIds: z.array(z.string().regex(/^gid:\/\/shopify\/Location\/\d{1,20}$/, 'must be a Shopify location id')).max(100).optional(),
  })
  .strict();
export type StaffChange = z.infer<typeof staffChangeSchema>;

export async function listStaff(prisma: Prisma, shopId: string): Promise<StaffIdentity[]> {
  const rows = await prisma.staffMember.findMany({ where: { shopId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map(toStaffIdentity);
}

/** A user not seen yet may be set up in advance. The last owner cannot be demoted. */
export async function updateStaffMember(prisma: Prisma, shopId: string, actorUserId: string, userId: string, change: StaffChange): Promise<StaffIdentity> {
  return writeTransaction({ prisma }, async (tx) => {
    const before = await tx.staffMember.findUnique({ where: { shopId_userId: { shopId, userId } } });
    if (before?.role === 'owner' && change.role !== 'owner') {
      const owners = await tx.staffMember.count({ where: { shopId, role: 'owner' } });
      if (owners <= 1) throw new AppError('CONFLICT', 'The shop needs at least one owner; make someone else owner first.');
    }
    const adjustLimit = change.adjustLimit !== undefined ? change.adjustLimit : change.role === 'staff' ? (before?.adjustLimit ?? DEFAULT_STAFF_ADJUST_LIMIT) : null;
    const locationIds = change.locationIds === undefined ? undefined : [...new Set(change.locationIds)].sort();
    if (locationIds && locationIds.length > 0) {
      const known = await tx.location.count({ where: { shopId, shopifyId: { in: locationIds } } });
      if (known !== locationIds.length) throw new AppError('VALIDATION', 'Pick locations of this shop; one of them is not known (sync the locations first).');
    }
    const data = {
      role: change.role, adjustLimit, ...(change.name !== undefined ? { name: change.name } : {}),
      ...(locationIds !== undefined ? { locationIds: JSON.stringify(locationIds) } : {}),
    };
    const row = await tx.staffMember.upsert({ where: { shopId_userId: { shopId, userId } }, create: { shopId, userId, ...data }, update: data });
    await recordStaffAction(tx, {
      shopId, userId: actorUserId, action: 'staff.update', target: userId,
      details: {
        before: before ? { role: before.role, adjustLimit: before.adjustLimit, locationIds: JSON.parse(before.locationIds) as unknown } : null,
        after: { role: row.role, adjustLimit: row.adjustLimit, locationIds: JSON.parse(row.locationIds) as unknown },
      },
    });
    return toStaffIdentity(row);
  });
}
