// Authorization by default for the admin API: every request is matched against the route table
// (admin/admin-route-policies.ts) before any route runs. No entry: 404, as for a route that does not
// exist. Below the entry's role: 403. A write whose entry names an audit action that the handler does
// not record itself gets its StaffAction row here, written before the answer is released, so no
// acknowledged change goes without its audit row.
import type { RequestHandler, Response } from 'express';
import type { Db } from '../../core/db-client';
import { AppError } from '../../core/errors/app-error';
import { recordStaffAction } from '../../core/staff/record-staff-action';
import { assertRole } from '../../core/staff/staff-roles';
import type { Logger } from '../../runtime/logger';
import type { AdminRoutePolicy } from './admin/admin-route-policies';
import { adminAuthOf } from './session-token-auth';
import { staffOf } from './staff-access';

interface CompiledPolicy {
  method: string;
  pattern: RegExp;
  paramNames: string[];
  policy: AdminRoutePolicy;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Audit details keep what was asked for, minus anything that could be a credential.
const SECRET_KEY = /pass|secret|token|key|auth/i;
const MAX_DETAILS_CHARS = 4000;

/** `GET /members/:id` -> a matcher for the path and the names of its parameters. */
function compile(route: string, policy: AdminRoutePolicy): CompiledPolicy {
  const [method, path] = route.split(' ') as [string, string];
  const paramNames: string[] = [];
  const source = path.split('/').map((segment) => {
    if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    paramNames.push(segment.slice(1));
    return '([^/]+)';
  }).join('/');
  return { method, pattern: new RegExp(`^${source}/?$`), paramNames, policy };
}

export function matchAdminRoute(compiled: CompiledPolicy[], method: string, path: string): { policy: AdminRoutePolicy; params: Record<string, string> } | null {
  const wanted = method === 'HEAD' ? 'GET' : method;
  for (const entry of compiled) {
    if (entry.method !== wanted) continue;
    const match = entry.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    entry.paramNames.forEach((name, i) => {
      params[name] = safeDecode(match[i + 1]!);
    });
    return { policy: entry.policy, params };
  }
  return null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function redact(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return depth > 3 ? '[…]' : value.slice(0, 50).map((item) => redact(item, depth + 1));
  if (value && typeof value === 'object') {
    if (depth > 3) return '{…}';
    return Object.fromEntries(Object.entries(value).slice(0, 50).map(([key, item]) => [key, SECRET_KEY.test(key) ? '[redacted]' : redact(item, depth + 1)]));
  }
  return typeof value === 'string' && value.length > 500 ? `${value.slice(0, 500)}…` : value;
}

function auditDetails(params: Record<string, string>, body: unknown): Record<string, unknown> {
  const details = { params, body: redact(body ?? null) };
  return JSON.stringify(details).length <= MAX_DETAILS_CHARS ? details : { params, body: '[too large to keep]' };
}

/** Holds the answer until the audit row is written; a 2xx that cannot be audited is logged loudly. */
function auditBeforeAnswer(res: Response, write: () => Promise<void>, logger: Logger, context: Record<string, unknown>): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    if (res.statusCode < 200 || res.statusCode >= 300) return end(...args);
    write().catch((error: unknown) => logger.error({ err: error, ...context }, 'audit row not written for a completed change')).finally(() => end(...args));
    return res;
  }) as Response['end'];
}

export function authorizeAdminRoute(deps: { db: Db; logger: Logger; policies: Record<string, AdminRoutePolicy> }): RequestHandler {
  const compiled = Object.entries(deps.policies).map(([route, policy]) => compile(route, policy));
  return (req, res, next) => {
    const matched = matchAdminRoute(compiled, req.method, req.path);
    if (!matched) {
      next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}.`));
      return;
    }
    const staff = staffOf(res.locals);
    assertRole(staff, matched.policy.role);
    const audit = matched.policy.audit;
    if (audit && !audit.recordedBy && WRITE_METHODS.has(req.method)) {
      const { shopId } = adminAuthOf(res.locals);
      const target = Object.values(matched.params).join('/');
      auditBeforeAnswer(res, () => recordStaffAction(deps.db.prisma, { shopId, userId: staff.userId, action: audit.action, target, details: auditDetails(matched.params, req.body) }), deps.logger, { action: audit.action, shopId });
    }
    next();
  };
}
