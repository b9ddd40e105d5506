// Maps the session token's user to a role in this shop, creating the row on first sight: the shop's
// first user becomes owner (whoever installed and opened the app), everyone after that starts as staff.
// "First" is decided under a lock: the shop's row (PostgreSQL) or the database's write lock (SQLite),
// so simultaneous first requests of several users make one owner, not several.
import { writeTransaction, type Db } from '../db-client';
import { asSqlExecutor } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import { DEFAULT_STAFF_ADJUST_LIMIT, isStaffRole, type StaffIdentity } from './staff-roles';

type StaffRow = { userId: string; name: string; role: string; adjustLimit: number | null; locationIds: string };

function parseLocationIds(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function toStaffIdentity(row: StaffRow): StaffIdentity {
  return {
    userId: row.userId, name: row.name || `User ${row.userId}`, role: isStaffRole(row.role) ? row.role : 'staff', adjustLimit: row.adjustLimit,
    locationIds: parseLocationIds(row.locationIds),
  };
}

export interface ResolveStaffOptions {
  /** In demo mode the demo user (id "1") is always an owner. */
  ownerUserIds?: readonly string[];
}

export async function resolveStaffMember(db: Db, shopId: string, userId: string, options: ResolveStaffOptions = {}): Promise<StaffIdentity> {
  const where = { shopId_userId: { shopId, userId } };
  const existing = await db.prisma.staffMember.findUnique({ where });
  if (existing) return toStaffIdentity(existing);
  return writeTransaction(db, async (tx) => {
    if (db.kind === 'postgresql') await asSqlExecutor(tx).query(sql`SELECT "id" FROM "Shop" WHERE "id" = ${shopId} FOR UPDATE`);
    // Under the lock: the same user's other first request may have created the row meanwhile.
    const created = await tx.staffMember.findUnique({ where });
    if (created) return toStaffIdentity(created);
    const owner = (await tx.staffMember.count({ where: { shopId } })) === 0 || (options.ownerUserIds ?? []).includes(userId);
    return toStaffIdentity(await tx.staffMember.create({
      data: { shopId, userId, role: owner ? 'owner' : 'staff', adjustLimit: owner ? null : DEFAULT_STAFF_ADJUST_LIMIT },
    }));
  });
}
