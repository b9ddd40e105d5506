// The report as a location-limited staff user may see it: entries at their locations only, the
// liability of their members only, and a member filter naming someone outside their locations answers
// NOT_FOUND like the member page (web/core/members/visible-members.ts decides who is visible).
import type { Db } from '../db-client';
import { assertMemberVisible, isLimited, type MemberScope } from '../members/visible-members';
import { reportSql } from './points-report';
import type { ReportFilters } from './report-filters';

export async function scopeReportFilters(db: Db, shopId: string, filters: ReportFilters, scope: MemberScope): Promise<ReportFilters> {
  if (!isLimited(scope)) return filters;
  if (filters.memberId) await assertMemberVisible(reportSql(db), shopId, filters.memberId, scope);
  return { ...filters, scope };
}
