// The points report's filters, shared by the page, its totals and the export, and turned into one SQL
// WHERE clause for both databases. Dates: a bare date (2026-03-01) means that whole day in the shop's
// time zone ("to" is inclusive); a full ISO timestamp is taken as given.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { groupMemberIds } from '../groups/group-member-ids';
import { scopedLocationCondition, type MemberScope } from '../members/visible-members';
import { joinSql, sql, sqlText, type SqlQuery } from '../sql/sql-query';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalText = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().min(1).max(max).optional());

export const entryTypes = ['earn', 'redeem', 'adjust', 'expire', 'reversal'] as const;
export const entryStatuses = ['pending', 'posted', 'voided'] as const;
export const sourceTypes = ['order', 'line_item', 'refund', 'staff', 'job', 'redemption', 'campaign', 'booking'] as const;

export const reportFilterSchema = z.object({
  from: optionalText(40),
  to: optionalText(40),
  memberId: optionalText(100),
  type: z.preprocess(emptyToUndefined, z.enum(entryTypes).optional()),
  status: z.preprocess(emptyToUndefined, z.enum(entryStatuses).optional()),
  sourceType: z.preprocess(emptyToUndefined, z.enum(sourceTypes).optional()),
  staffUserId: optionalText(100),
  locationId: optionalText(200),
  /** members who are in this customer group now */
  groupId: optionalText(100),
  sort: z.preprocess(emptyToUndefined, z.enum(['createdAt', 'points']).default('createdAt')),
  order: z.preprocess(emptyToUndefined, z.enum(['asc', 'desc']).default('desc')),
});
export type ReportFilterInput = z.infer<typeof reportFilterSchema>;

export interface ReportFilters {
  from?: Date;
  /** exclusive */
  to?: Date;
  memberId?: string;
  type?: string;
  status?: string;
  sourceType?: string;
  staffUserId?: string;
  locationId?: string;
  groupId?: string;
  /** The staff user's location limit, set by the server (scoped-report-filters.ts), never from the query. */
  scope?: MemberScope;
}

export interface ReportSort {
  field: 'createdAt' | 'points';
  order: 'asc' | 'desc';
}

function parseBoundary(name: 'from' | 'to', text: string, timezone: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = DateTime.fromISO(text, { zone: timezone });
    if (!day.isValid) throw new AppError('VALIDATION', `${name}: "${text}" is not a valid date.`);
    return (name === 'from' ? day.startOf('day') : day.startOf('day').plus({ days: 1 })).toJSDate();
  }
  const instant = DateTime.fromISO(text, { zone: 'utc', setZone: true });
  if (!instant.isValid) throw new AppError('VALIDATION', `${name}: "${text}" is not a date (use YYYY-MM-DD or an ISO 8601 timestamp).`);
  return name === 'from' ? instant.toJSDate() : new Date(instant.toMillis() + 1);
}

export function toReportFilters(input: ReportFilterInput, timezone: string): { filters: ReportFilters; sort: ReportSort } {
  const from = input.from ? parseBoundary('from', input.from, timezone) : undefined;
  const to = input.to ? parseBoundary('to', input.to, timezone) : undefined;
  if (from && to && from >= to) throw new AppError('VALIDATION', 'from must be before to.');
  const { sort, order, from: _f, to: _t, ...rest } = input;
  const filters: ReportFilters = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) (filters as Record<string, unknown>)[key] = value;
  return { filters, sort: { field: sort, order } };
}

/** Collects parameters and renders placeholders in the database's style ($1 or ?). Through Prisma's
 * better-sqlite3 adapter numbered ?1 placeholders fail to bind, so every use adds its own value. */
/** WHERE conditions over LedgerEntry aliased `e`. */
export function reportWhere(shopId: string, filters: ReportFilters): SqlQuery {
  const parts = [sql`e."shopId" = ${shopId}`];
  if (filters.from) parts.push(sql`e."createdAt" >= ${filters.from}`);
  if (filters.to) parts.push(sql`e."createdAt" < ${filters.to}`);
  const equal: Array<[keyof ReportFilters, string]> = [
    ['memberId', 'memberId'], ['type', 'type'], ['status', 'status'], ['sourceType', 'sourceType'], ['staffUserId', 'staffUserId'], ['locationId', 'locationId'],
  ];
  for (const [key, column] of equal) {
    const value = filters[key];
    if (value !== undefined) parts.push(sql`e.${sqlText(`"${column}"`)} = ${value as string}`);
  }
  if (filters.groupId !== undefined) parts.push(sql`e."memberId" IN (${groupMemberIds(shopId, filters.groupId)})`);
  const scoped = filters.scope ? scopedLocationCondition(filters.scope, 'e."locationId"') : null;
  if (scoped) parts.push(scoped);
  return joinSql(parts, ' AND ');
}
