// Maps the session token's user to a role in this shop, creating the row on first sight: the shop's
// first user becomes owner (whoever installed and opened the app), everyone after that starts as staff.
import type { Prisma } from '../db-client';
import { DEFAULT_STAFF_ADJUST_LIMIT, isStaffRole, type StaffIdentity } from './staff-roles';

type StaffRow = { userId: string; name: string; role: string; adjustLimit: number | null };

export function toStaffIdentity(row: StaffRow): StaffIdentity {
  return { userId: row.userId, name: row.name || `User ${row.userId}`, role: isStaffRole(row.role) ? row.role : 'staff', adjustLimit: row.adjustLimit };
}

export interface ResolveStaffOptions {
  /** In demo mode the demo user (id "1") is always an owner. */
  ownerUserIds?: readonly string[];
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'P2002' || /unique/i.test(String((error as Error).message));
}

export async function resolveStaffMember(prisma: Prisma, shopId: string, userId: string, options: ResolveStaffOptions = {}): Promise<StaffIdentity> {
  const existing = await prisma.staffMember.findUnique({ where: { shopId_userId: { shopId, userId } } });
  if (existing) return toStaffIdentity(existing);
  const known = await prisma.staffMember.count({ where: { shopId } });
  const owner = known === 0 || (options.ownerUserIds ?? []).includes(userId);
  try {
    const created = await prisma.staffMember.create({
      data: { shopId, userId, role: owner ? 'owner' : 'staff', adjustLimit: owner ? null : DEFAULT_STAFF_ADJUST_LIMIT },
    });
    return toStaffIdentity(created);
  } catch (error) {
    // Two first requests of the same user at once: the unique (shop, user) index keeps one row.
    if (!isUniqueViolation(error)) throw error;
    return toStaffIdentity(await prisma.staffMember.findUniqueOrThrow({ where: { shopId_userId: { shopId, userId } } }));
  }
}
