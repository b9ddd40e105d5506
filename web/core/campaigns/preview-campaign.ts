// Who would be reached if the job ran now: the count and the first members, for a saved campaign or a
// draft that is still being edited. Members already reached in the current period are not counted.
import type { CampaignPreview } from '../../contracts/campaigns-api';
import type { Db } from '../db-client';
import { prismaSqlExecutor } from '../sql/sql-client';
import { joinSql, sql } from '../sql/sql-query';
import { qualifierQueries } from './campaign-qualifiers';
import { parseCampaignInput } from './campaign-settings';

export async function previewCampaign(db: Db, shopId: string, body: unknown, options: { now: Date; campaignId?: string; activeSince?: Date | null }): Promise<CampaignPreview> {
  const input = parseCampaignInput({ enabled: true, ...(typeof body === 'object' && body !== null ? body : {}) });
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { ianaTimezone: true } });
  const queries = await qualifierQueries(
    { id: options.campaignId ?? '', shopId, kind: input.kind, settings: JSON.stringify(input.settings), audienceGroupId: input.audienceGroupId, activeSince: options.activeSince ?? options.now },
    { kind: db.kind, prisma: db.prisma, timezone: shop.ianaTimezone, now: options.now },
  );
  if (queries.length === 0) return { count: 0, sample: [] };
  const fresh = sql`SELECT q."memberId", q."periodKey" FROM (${joinSql(queries.map((query) => sql`SELECT * FROM (${query}) part`), ' UNION ')}) q
    WHERE NOT EXISTS (SELECT 1 FROM "CampaignDelivery" d WHERE d."campaignId" = ${options.campaignId ?? ''} AND d."memberId" = q."memberId" AND d."periodKey" = q."periodKey")`;
  const executor = prismaSqlExecutor(db.prisma);
  const [counted] = await executor.query<{ count: number | bigint }>(sql`SELECT COUNT(DISTINCT f."memberId") AS "count" FROM (${fresh}) f`);
  const sample = await executor.query<{ id: string; firstName: string | null; lastName: string | null; email: string | null }>(sql`
    SELECT m."id", m."firstName", m."lastName", m."email" FROM "Member" m WHERE m."id" IN (SELECT f."memberId" FROM (${fresh}) f)
    ORDER BY m."id" LIMIT 10`);
  return {
    count: Number(counted?.count ?? 0),
    sample: sample.map((row) => ({ id: row.id, name: [row.firstName, row.lastName].filter(Boolean).join(' '), email: row.email })),
  };
}
