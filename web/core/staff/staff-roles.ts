// Who may do what inside the app. Roles are ordered: each one may do everything the one below it may.
// staff: view, adjust balances up to a limit; manager: + export, bulk adjust, edit rewards and products;
// owner: + programme settings and staff roles.
import { AppError } from '../errors/app-error';

export const staffRoles = ['staff', 'manager', 'owner'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Default largest |points| of one manual adjustment for a new staff user. */
export const DEFAULT_STAFF_ADJUST_LIMIT = 500;

export interface StaffIdentity {
  userId: string;
  name: string;
  role: StaffRole;
  /** largest |points| of one adjustment; null = no limit */
  adjustLimit: number | null;
  /** Location GIDs the user is limited to (members, report); empty = every location */
  locationIds: string[];
}

const rank: Record<StaffRole, number> = { staff: 0, manager: 1, owner: 2 };

export function hasRole(actual: StaffRole, required: StaffRole): boolean {
  return rank[actual] >= rank[required];
}

export function assertRole(staff: StaffIdentity, required: StaffRole): void {
  if (!hasRole(staff.role, required)) {
    throw new AppError('FORBIDDEN', `This action needs the ${required} role; you are ${staff.role}.`, { requiredRole: required, role: staff.role });
  }
}

export function assertMayAdjust(staff: StaffIdentity, points: number): void {
  if (staff.adjustLimit !== null && Math.abs(points) > staff.adjustLimit) {
    throw new AppError('FORBIDDEN', `You may adjust at most ${staff.adjustLimit} points at a time.`, { adjustLimit: staff.adjustLimit });
  }
}

export function isStaffRole(value: string): value is StaffRole {
  return (staffRoles as readonly string[]).includes(value);
}
