// The one module that writes Campaign rows: create, change (including the on/off switch), delete, and
// the admin's list with each campaign's statistics.
import type { CampaignStats, CampaignView } from '../../contracts/campaigns-api';
import type { Db, Prisma } from '../db-client';
import { AppError } from '../errors/app-error';
import { prismaSqlExecutor } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import { CAMPAIGN_MESSAGE_EVENT, parseCampaignInput, parseCampaignSettings, type CampaignKind, type ValidCampaignInput } from './campaign-settings';

type CampaignRow = NonNullable<Awaited<ReturnType<Prisma['campaign']['findFirst']>>>;

async function assertAudienceExists(prisma: Prisma, shopId: string, groupId: string | null): Promise<void> {
  if (!groupId) return;
  const group = await prisma.customerGroup.findFirst({ where: { id: groupId, shopId, archivedAt: null }, select: { id: true } });
  if (!group) throw new AppError('VALIDATION', 'The audience group was not found in this shop.', { field: 'audienceGroupId' });
}

function rowData(input: ValidCampaignInput) {
  return {
    kind: input.kind,
    name: input.name,
    enabled: input.enabled,
    settings: JSON.stringify(input.settings),
    points: input.points,
    messageEvent: input.sendMessage ? CAMPAIGN_MESSAGE_EVENT[input.kind] : null,
    audienceGroupId: input.audienceGroupId,
  };
}

export async function createCampaign(prisma: Prisma, shopId: string, body: unknown, now: Date): Promise<CampaignRow> {
  const input = parseCampaignInput(body);
  await assertAudienceExists(prisma, shopId, input.audienceGroupId);
  return prisma.campaign.create({ data: { shopId, ...rowData(input), activeSince: input.enabled ? now : null } });
}

/** A partial change: fields left out keep their value. Switching on restarts `activeSince`. */
export async function updateCampaign(prisma: Prisma, shopId: string, id: string, body: unknown, now: Date): Promise<CampaignRow> {
  const current = await prisma.campaign.findFirst({ where: { id, shopId } });
  if (!current) throw new AppError('NOT_FOUND', 'That campaign was not found.');
  if (typeof body !== 'object' || body === null) throw new AppError('VALIDATION', 'The request body must be a JSON object.');
  const patch = body as Record<string, unknown>;
  if ('kind' in patch && patch.kind !== current.kind) throw new AppError('VALIDATION', 'A campaign cannot change its kind; create a new one.', { field: 'kind' });
  const input = parseCampaignInput({ ...viewInput(current), ...patch });
  await assertAudienceExists(prisma, shopId, input.audienceGroupId);
  const switchedOn = input.enabled && !current.enabled;
  return prisma.campaign.update({ where: { id }, data: { ...rowData(input), ...(switchedOn ? { activeSince: now } : {}) } });
}

export async function deleteCampaign(prisma: Prisma, shopId: string, id: string): Promise<void> {
  // Deliveries, ledger entries and messages stay: they are history.
  const { count } = await prisma.campaign.deleteMany({ where: { id, shopId } });
  if (count === 0) throw new AppError('NOT_FOUND', 'That campaign was not found.');
}

export async function findCampaign(prisma: Prisma, shopId: string, id: string): Promise<CampaignRow> {
  const campaign = await prisma.campaign.findFirst({ where: { id, shopId } });
  if (!campaign) throw new AppError('NOT_FOUND', 'That campaign was not found.');
  return campaign;
}

function viewInput(row: CampaignRow) {
  return {
    kind: row.kind as CampaignKind,
    name: row.name,
    enabled: row.enabled,
    settings: parseCampaignSettings(row.kind as CampaignKind, row.settings) as Record<string, number>,
    points: row.points,
    sendMessage: row.messageEvent !== null,
    audienceGroupId: row.audienceGroupId,
  };
}

export function toCampaignView(row: CampaignRow, stats: CampaignStats): CampaignView {
  return {
    id: row.id,
    ...viewInput(row),
    messageEvent: row.messageEvent,
    activeSince: row.activeSince?.toISOString() ?? null,
    evaluatedAt: row.evaluatedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    stats,
  };
}

/**
 * Members reached, points given, and what the reached members spent afterwards: their paid, not
 * cancelled orders paid after they were first reached by the campaign (eligible amount, minor units).
 */
export async function campaignStats(db: Db, shopId: string, campaignIds: string[]): Promise<Map<string, Omit<CampaignStats, 'currency'>>> {
  const stats = new Map<string, Omit<CampaignStats, 'currency'>>(campaignIds.map((id) => [id, { membersReached: 0, deliveries: 0, pointsGiven: 0, revenueAfterMinor: 0 }]));
  if (campaignIds.length === 0) return stats;
  const executor = prismaSqlExecutor(db.prisma);
  const reach = await executor.query<{ campaignId: string; members: number | bigint; deliveries: number | bigint; points: number | bigint | null }>(sql`
    SELECT d."campaignId", COUNT(DISTINCT d."memberId") AS "members", COUNT(*) AS "deliveries", SUM(d."points") AS "points"
    FROM "CampaignDelivery" d WHERE d."shopId" = ${shopId} GROUP BY d."campaignId"`);
  const revenue = await executor.query<{ campaignId: string; revenue: number | bigint | string | null }>(sql`
    SELECT f."campaignId", SUM(o."eligibleMinor") AS "revenue"
    FROM (SELECT d."campaignId", d."memberId", MIN(d."reachedAt") AS "firstReachedAt" FROM "CampaignDelivery" d WHERE d."shopId" = ${shopId} GROUP BY d."campaignId", d."memberId") f
    JOIN "OrderRecord" o ON o."shopId" = ${shopId} AND o."memberId" = f."memberId" AND o."paidAt" > f."firstReachedAt" AND o."cancelledAt" IS NULL
    GROUP BY f."campaignId"`);
  for (const row of reach) {
    const entry = stats.get(row.campaignId);
    if (entry) Object.assign(entry, { membersReached: Number(row.members), deliveries: Number(row.deliveries), pointsGiven: Number(row.points ?? 0) });
  }
  for (const row of revenue) {
    const entry = stats.get(row.campaignId);
    if (entry) entry.revenueAfterMinor = Number(row.revenue ?? 0);
  }
  return stats;
}

export async function listCampaigns(db: Db, shopId: string): Promise<CampaignView[]> {
  const [rows, shop] = await Promise.all([
    db.prisma.campaign.findMany({ where: { shopId }, orderBy: { createdAt: 'asc' } }),
    db.prisma.shop.findUnique({ where: { id: shopId }, select: { currency: true } }),
  ]);
  const stats = await campaignStats(db, shopId, rows.map((row) => row.id));
  return rows.map((row) => toCampaignView(row, { ...stats.get(row.id)!, currency: shop?.currency ?? 'USD' }));
}

/** The groups a campaign may target: the shop's groups that are not archived. */
export async function listCampaignAudiences(prisma: Prisma, shopId: string): Promise<Array<{ id: string; name: string }>> {
  return prisma.customerGroup.findMany({ where: { shopId, archivedAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
}
