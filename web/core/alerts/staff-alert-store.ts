// Alerts for staff that the app raises itself (e.g. a redemption the sweeper had to settle), listed
// in the admin until someone acknowledges them. This module owns the StaffAlert table. Raising is
// idempotent per (shop, kind, subject), so a job that runs twice raises one alert.
import { randomUUID } from 'node:crypto';
import { writeTransaction, type Db, type Tx } from '../db-client';
import { AppError } from '../errors/app-error';
import { asSqlExecutor, sqlClientOf, type SqlExecutor } from '../sql/sql-client';
import { sql, toDate, toDateOrNull } from '../sql/sql-query';
import { recordStaffAction } from '../staff/record-staff-action';

export interface NewStaffAlert {
  shopId: string;
  kind: string;
  subject: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface StaffAlertView {
  id: string;
  kind: string;
  subject: string;
  message: string;
  details: Record<string, unknown>;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export async function raiseStaffAlert(target: SqlExecutor | Tx, alert: NewStaffAlert, now = new Date()): Promise<boolean> {
  const inserted = await asSqlExecutor(target).execute(sql`
    INSERT INTO "StaffAlert" ("id", "shopId", "kind", "subject", "message", "details", "createdAt")
    VALUES (${randomUUID()}, ${alert.shopId}, ${alert.kind}, ${alert.subject}, ${alert.message}, ${JSON.stringify(alert.details ?? {})}, ${now})
    ON CONFLICT ("shopId", "kind", "subject") DO NOTHING`);
  return inserted > 0;
}

type RawAlert = Record<keyof StaffAlertView, unknown>;

/** Newest first; `open` = not acknowledged yet. */
export async function listStaffAlerts(db: Db, shopId: string, options: { open: boolean; limit: number }): Promise<StaffAlertView[]> {
  const rows = await sqlClientOf(db).query<RawAlert>(sql`
    SELECT "id", "kind", "subject", "message", "details", "createdAt", "acknowledgedAt", "acknowledgedBy" FROM "StaffAlert"
    WHERE "shopId" = ${shopId} ${options.open ? sql`AND "acknowledgedAt" IS NULL` : sql``}
    ORDER BY "createdAt" DESC, "id" DESC LIMIT ${options.limit}`);
  return rows.map((row) => ({
    id: String(row.id),
    kind: String(row.kind),
    subject: String(row.subject),
    message: String(row.message),
    details: JSON.parse(String(row.details)) as Record<string, unknown>,
    createdAt: toDate(row.createdAt).toISOString(),
    acknowledgedAt: toDateOrNull(row.acknowledgedAt)?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedBy === null ? null : String(row.acknowledgedBy),
  }));
}

/** Marks an alert seen, with the audit row in the same transaction; acknowledging twice changes nothing. */
export async function acknowledgeStaffAlert(db: Db, shopId: string, id: string, userId: string, now = new Date()): Promise<void> {
  await writeTransaction(db, async (tx) => {
    const executor = asSqlExecutor(tx);
    const [alert] = await executor.query<{ acknowledgedAt: unknown }>(sql`SELECT "acknowledgedAt" FROM "StaffAlert" WHERE "id" = ${id} AND "shopId" = ${shopId}`);
    if (!alert) throw new AppError('NOT_FOUND', 'This alert was not found.');
    if (alert.acknowledgedAt !== null) return;
    await executor.execute(sql`UPDATE "StaffAlert" SET "acknowledgedAt" = ${now}, "acknowledgedBy" = ${userId} WHERE "id" = ${id} AND "shopId" = ${shopId}`);
    await recordStaffAction(tx, { shopId, userId, action: 'alert.acknowledge', target: id, at: now });
  });
}
