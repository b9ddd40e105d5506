// The shop's locations: the list the pickers show (GET /api/locations), "Sync now" (queues a sync task),
// and per-location figures for a period (the report's and the dashboard's "By location").
import { Router } from 'express';
import type { Db } from '../../../core/db-client';
import { listLocations } from '../../../core/locations/list-locations';
import { requestLocationSync } from '../../../core/locations/request-location-sync';
import { memberScopeOf } from '../../../core/members/visible-members';
import { locationFigures } from '../../../core/reports/location-figures';
import { reportFilterSchema, toReportFilters } from '../../../core/reports/report-filters';
import type { LocationFiguresResponse } from '../../../contracts/admin-api';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

const periodSchema = reportFilterSchema.pick({ from: true, to: true });

export function createLocationsRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get('/locations', async (_req, res) => {
    const scope = memberScopeOf(staffOf(res.locals));
    res.json({ items: await listLocations(deps.db.prisma, adminAuthOf(res.locals).shopId, { only: scope.locationIds }) });
  });
  router.post('/locations/sync', async (_req, res) => {
    res.status(202).json({ queued: await requestLocationSync(deps.db.prisma, adminAuthOf(res.locals).shopDomain) });
  });
  router.get('/locations/figures', async (req, res) => {
    const { shopId } = adminAuthOf(res.locals);
    const shop = await deps.db.prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { ianaTimezone: true } });
    const input = periodSchema.parse(req.query);
    const { filters } = toReportFilters({ ...input, sort: 'createdAt', order: 'desc' }, shop.ianaTimezone);
    const items = await locationFigures(deps.db, shopId, filters, memberScopeOf(staffOf(res.locals)));
    const body: LocationFiguresResponse = { from: input.from ?? null, to: input.to ?? null, items };
    res.json(body);
  });
  return router;
}
