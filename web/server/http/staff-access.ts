// Staff roles on the admin API. attachStaffMember maps the session token's user to its StaffMember
// (created on first sight) once per request; authorize-admin-route.ts then checks the route's role.
import type { RequestHandler } from 'express';
import type { Db } from '../../core/db-client';
import { AppError } from '../../core/errors/app-error';
import { resolveStaffMember } from '../../core/staff/resolve-staff-member';
import type { StaffIdentity } from '../../core/staff/staff-roles';
import { adminAuthOf } from './session-token-auth';

export function staffOf(locals: Record<string, unknown>): StaffIdentity {
  const staff = locals.staff as StaffIdentity | undefined;
  if (!staff) throw new AppError('UNAUTHORIZED', 'Authentication required.');
  return staff;
}

export function attachStaffMember(deps: { db: Db; demoMode: boolean }): RequestHandler {
  const ownerUserIds = deps.demoMode ? ['1'] : [];
  return async (_req, res, next) => {
    try {
      const { shopId, userId } = adminAuthOf(res.locals);
      res.locals.staff = await resolveStaffMember(deps.db, shopId, userId, { ownerUserIds });
      next();
    } catch (error) {
      next(error);
    }
  };
}
