// The points report: a page with totals, and the streamed CSV / .xlsx export of the same filtered set.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../core/db-client';
import { exportContentTypes, writeReport } from '../../../core/reports/export-report';
import { countReportRows, reportPage, reportTotals } from '../../../core/reports/points-report';
import { reportFilterOptions } from '../../../core/reports/report-filter-options';
import { reportFilterSchema, toReportFilters } from '../../../core/reports/report-filters';
import { scopeReportFilters } from '../../../core/reports/scoped-report-filters';
import { locationNames } from '../../../core/locations/list-locations';
import { memberScopeOf } from '../../../core/members/visible-members';
import { recordStaffAction } from '../../../core/staff/record-staff-action';
import { createPgRowQuery, type PgRowQuery } from '../../db/pg-row-query';
import type { Logger } from '../../../runtime/logger';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

const pageSchema = reportFilterSchema.extend({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
const exportSchema = reportFilterSchema.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

async function shopTimezone(db: Db, shopId: string): Promise<string> {
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { ianaTimezone: true } });
  return shop.ianaTimezone;
}

export function createReportRouter(deps: { db: Db; logger?: Logger; databaseUrl?: string }): Router {
  const router = Router();
  // Opened on the first export only; idle connections close by themselves.
  let pgRows: PgRowQuery | undefined;
  const exportRows = () => {
    if (deps.db.kind !== 'postgresql' || !deps.databaseUrl) return undefined;
    pgRows ??= createPgRowQuery(deps.databaseUrl, { log: deps.logger });
    return pgRows;
  };
  router.get('/report', async (req, res) => {
    const { page, pageSize, ...input } = pageSchema.parse(req.query);
    const { shopId } = adminAuthOf(res.locals);
    const { filters: requested, sort } = toReportFilters(input, await shopTimezone(deps.db, shopId));
    const filters = await scopeReportFilters(deps.db, shopId, requested, memberScopeOf(staffOf(res.locals)));
    res.json(await reportPage(deps.db, shopId, filters, sort, { page, pageSize }));
  });

  router.get('/report/filter-options', async (_req, res) => {
    res.json(await reportFilterOptions(deps.db.prisma, adminAuthOf(res.locals).shopId, memberScopeOf(staffOf(res.locals))));
  });

  router.get('/report/export', async (req, res) => {
    const { format, ...input } = exportSchema.parse(req.query);
    const { shopId } = adminAuthOf(res.locals);
    const timezone = await shopTimezone(deps.db, shopId);
    const { filters: asked, sort: requested } = toReportFilters(input, timezone);
    const filters = await scopeReportFilters(deps.db, shopId, asked, memberScopeOf(staffOf(res.locals)));
    // Exports walk the set by date (indexed keyset); sorting a million rows by points is left to the spreadsheet.
    const sort = { field: 'createdAt', order: requested.order } as const;
    const [rows, { totals }] = await Promise.all([countReportRows(deps.db, shopId, filters), format === 'xlsx' ? reportTotals(deps.db, shopId, filters) : Promise.resolve({ totals: null })]);
    const summary = totals ? { liabilityPoints: totals.liabilityPoints, liabilityMinor: totals.liabilityMinor, currency: totals.currency, pointValue: totals.pointValue } : undefined;
    const names = await locationNames(deps.db.prisma, shopId);
    await recordStaffAction(deps.db.prisma, { shopId, userId: staffOf(res.locals).userId, action: 'report.export', details: { format, rows, filters: input } });
    res.status(200);
    res.setHeader('Content-Type', exportContentTypes[format]);
    res.setHeader('Content-Disposition', `attachment; filename=points-report-${new Date().toISOString().slice(0, 10)}.${format}`);
    res.setHeader('X-Export-Rows', String(rows));
    res.setHeader('Access-Control-Expose-Headers', 'X-Export-Rows, Content-Disposition');
    res.flushHeaders();
    try {
      // PostgreSQL: one server-side cursor on a plain pg connection; SQLite: keyset batches through Prisma.
      const pgExport = exportRows();
      await writeReport(format, {
        db: deps.db, shopId, filters, sort, timezone, locationNames: names,
        ...(summary ? { summary } : {}), ...(pgExport ? { query: pgExport.query, stream: pgExport.stream } : {}),
      }, res);
    } catch (error) {
      // The headers are gone; all we can do is cut the download so the client sees it failed.
      deps.logger?.error({ err: error, shopId, format }, 'report export failed mid-stream');
      res.destroy(error as Error);
    }
  });
  return router;
}
