// Reaches the members a qualifier SELECT yields, in set-based batches: per batch one transaction writes
// the CampaignDelivery rows (the guard: unique per campaign, member and period), the posted ledger
// entries with the balances, and the outbox rows. Entry and message share the delivery's key
// campaign:<campaignId>:<memberId>:<periodKey>, so a rerun, a crash between batches or a second job
// process never pays or writes to a member twice. On PostgreSQL a transaction-scoped advisory lock per
// campaign makes concurrent runs take turns; SQLite has one writer anyway.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db-client';
import { insertOutboxMessages } from '../messaging/outbox-queue';
import { sqlClientOf, type SqlExecutor } from '../sql/sql-client';
import { sql, type SqlQuery } from '../sql/sql-query';

export interface DeliverableCampaign {
  id: string;
  shopId: string;
  name: string;
  points: number;
  messageEvent: string | null;
}

export interface DeliveryResult {
  reached: number;
  points: number;
}

const text = (value: string) => sql`CAST(${value} AS TEXT)`;

/** The idempotency key every effect of one delivery carries. */
export function campaignDeliveryKey(campaignId: string, memberId: string, periodKey: string): string {
  return `campaign:${campaignId}:${memberId}:${periodKey}`;
}

async function deliverBatch(tx: SqlExecutor, db: Db, campaign: DeliverableCampaign, qualifiers: SqlQuery, now: Date, batchSize: number): Promise<number> {
  if (db.kind === 'postgresql') await tx.query(sql`SELECT pg_advisory_xact_lock(hashtext(${text(`campaign:${campaign.id}`)}))`);
  // The batch's rows carry its token in their id, so the statements below find exactly them.
  const token = `${randomUUID()}:`;
  const inserted = await tx.execute(sql`
    INSERT INTO "CampaignDelivery" ("id", "shopId", "campaignId", "memberId", "periodKey", "points", "reachedAt")
    SELECT ${text(token)} || q."memberId" || ':' || q."periodKey", ${campaign.shopId}, ${campaign.id}, q."memberId", q."periodKey", ${campaign.points}, ${now}
    FROM (${qualifiers}) q
    WHERE NOT EXISTS (SELECT 1 FROM "CampaignDelivery" d WHERE d."campaignId" = ${campaign.id} AND d."memberId" = q."memberId" AND d."periodKey" = q."periodKey")
    ORDER BY q."memberId", q."periodKey"
    LIMIT ${batchSize}
    ON CONFLICT ("campaignId", "memberId", "periodKey") DO NOTHING`);
  if (inserted === 0) return 0;
  const batch = sql`SELECT d."id", d."memberId", d."periodKey" FROM "CampaignDelivery" d
    WHERE d."campaignId" = ${campaign.id} AND d."reachedAt" = ${now} AND SUBSTR(d."id", 1, ${token.length}) = ${text(token)}`;
  const key = sql`'campaign:' || ${text(campaign.id)} || ':' || b."memberId" || ':' || b."periodKey"`;
  if (campaign.points > 0) {
    const description = `Campaign: ${campaign.name}`;
    await tx.execute(sql`
      INSERT INTO "LedgerEntry" ("id", "shopId", "memberId", "type", "status", "points", "description", "sourceType", "sourceId", "idempotencyKey", "postedAt", "createdAt")
      SELECT b."id", ${campaign.shopId}, b."memberId", 'earn', 'posted', ${campaign.points}, ${description}, 'campaign', ${campaign.id}, ${key}, ${now}, ${now}
      FROM (${batch}) b WHERE 1 = 1
      ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING`);
    const moved = sql`SELECT e."memberId", e."points" FROM "LedgerEntry" e WHERE e."id" IN (SELECT b."id" FROM (${batch}) b)`;
    // Members are locked in id order, like every other writer of Member rows (no deadlocks between jobs).
    if (db.kind === 'postgresql') await tx.query(sql`SELECT m."id" FROM "Member" m WHERE m."id" IN (SELECT x."memberId" FROM (${moved}) x) ORDER BY m."id" FOR UPDATE`);
    await tx.execute(sql`
      UPDATE "Member" SET
        "balance" = "balance" + (SELECT COALESCE(SUM(x."points"), 0) FROM (${moved}) x WHERE x."memberId" = "Member"."id"),
        "updatedAt" = ${now}
      WHERE "id" IN (SELECT x."memberId" FROM (${moved}) x)`);
  }
  if (campaign.messageEvent) {
    // The event decides the category (message-categories.ts): campaign events are marketing, the
    // welcome stays transactional (it confirms the member's own sign-up).
    const payload = JSON.stringify({ points: campaign.points, campaignId: campaign.id });
    await tx.execute(insertOutboxMessages(sql`
      SELECT b."id", ${campaign.shopId}, b."memberId", ${campaign.messageEvent}, ${payload}, ${key}, ${now}, ${now}
      FROM (${batch}) b WHERE 1 = 1`));
  }
  return inserted;
}

/** Delivers to everyone the qualifier yields who was not reached in that period yet. */
export async function deliverCampaign(
  db: Db,
  campaign: DeliverableCampaign,
  qualifiers: SqlQuery,
  options: { now: Date; batchSize?: number; shouldStop?: () => boolean },
): Promise<DeliveryResult> {
  const batchSize = options.batchSize ?? 2000;
  const result: DeliveryResult = { reached: 0, points: 0 };
  const client = sqlClientOf(db);
  for (;;) {
    const reached = await client.transaction((tx) => deliverBatch(tx, db, campaign, qualifiers, options.now, batchSize));
    result.reached += reached;
    result.points += reached * campaign.points;
    if (reached < batchSize || options.shouldStop?.()) break;
  }
  return result;
}
