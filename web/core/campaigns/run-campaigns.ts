// The scheduled evaluation: every enabled campaign of every installed shop, set-based per campaign.
import type { Db } from '../db-client';
import { qualifierQueries, type QualifyingCampaign } from './campaign-qualifiers';
import { isCampaignKind } from './campaign-settings';
import { deliverCampaign } from './deliver-campaign';

export interface RunCampaignsResult {
  campaigns: number;
  reached: number;
  points: number;
}

export async function runCampaigns(db: Db, options: { now: Date; shopId?: string; batchSize?: number; shouldStop?: () => boolean }): Promise<RunCampaignsResult> {
  const { now } = options;
  const campaigns = await db.prisma.campaign.findMany({
    where: { enabled: true, ...(options.shopId ? { shopId: options.shopId } : {}) },
    orderBy: [{ shopId: 'asc' }, { createdAt: 'asc' }],
  });
  const shops = new Map(
    (await db.prisma.shop.findMany({ where: { id: { in: [...new Set(campaigns.map((c) => c.shopId))] }, uninstalledAt: null }, select: { id: true, ianaTimezone: true } }))
      .map((shop) => [shop.id, shop.ianaTimezone]),
  );
  const result: RunCampaignsResult = { campaigns: 0, reached: 0, points: 0 };
  // One broken campaign (a row edited by hand, a statement that fails) must not hold back the others:
  // they all run, and the failures are thrown together at the end for the job's log.
  const failures: unknown[] = [];
  for (const campaign of campaigns) {
    const timezone = shops.get(campaign.shopId);
    if (timezone === undefined || !isCampaignKind(campaign.kind)) continue;
    if (options.shouldStop?.()) break;
    try {
      const qualifying: QualifyingCampaign = { ...campaign, kind: campaign.kind, activeSince: campaign.activeSince ?? campaign.createdAt };
      for (const qualifiers of await qualifierQueries(qualifying, { kind: db.kind, prisma: db.prisma, timezone, now })) {
        const delivered = await deliverCampaign(db, campaign, qualifiers, { now, ...(options.batchSize ? { batchSize: options.batchSize } : {}), ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}) });
        result.reached += delivered.reached;
        result.points += delivered.points;
      }
      await db.prisma.campaign.updateMany({ where: { id: campaign.id }, data: { evaluatedAt: now } });
      result.campaigns += 1;
    } catch (error) {
      failures.push(new Error(`campaign ${campaign.id} (${campaign.kind}) failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} of ${campaigns.length} campaigns failed; the others ran`);
  return result;
}
