// Redemption rows read with raw SQL (SELECT, RETURNING) as the typed RedemptionRow: SQLite hands
// back integers as bigint or number and timestamps as Date or epoch ms; PostgreSQL as number and Date.
import { minorUnitsFromColumn } from '../money';
import { sql, toDate, toDateOrNull } from '../sql/sql-query';
import type { RedemptionRow } from './redemption-types';

export type RawRedemptionRow = Record<keyof RedemptionRow, unknown>;

/**
 * The columns RedemptionRow reads, for SELECT and RETURNING lists. Named, never `*`: statements are
 * prepared per connection on PostgreSQL, and a prepared `*` fails once a migration adds a column.
 */
export const REDEMPTION_COLUMNS = sql`"id", "shopId", "memberId", "rewardId", "rewardType", "points", "valueMinor", "currency", "status",
  "idempotencyKey", "requestedBy", "ledgerEntryId", "reversalEntryId", "giftCardId", "codeEncrypted", "codeMasked", "codeLast4", "expiresOn",
  "attempts", "lastError", "issuedAt", "failedAt", "reversedAt", "deactivatedAt", "createdAt"`;

const text = (value: unknown): string => String(value);
const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export function redemptionFromRow(raw: RawRedemptionRow): RedemptionRow {
  return {
    id: text(raw.id),
    shopId: text(raw.shopId),
    memberId: text(raw.memberId),
    rewardId: text(raw.rewardId),
    rewardType: text(raw.rewardType),
    points: Number(raw.points),
    valueMinor: minorUnitsFromColumn(raw.valueMinor as bigint | number),
    currency: text(raw.currency),
    status: text(raw.status),
    idempotencyKey: text(raw.idempotencyKey),
    requestedBy: text(raw.requestedBy),
    ledgerEntryId: text(raw.ledgerEntryId),
    reversalEntryId: textOrNull(raw.reversalEntryId),
    giftCardId: textOrNull(raw.giftCardId),
    codeEncrypted: textOrNull(raw.codeEncrypted),
    codeMasked: textOrNull(raw.codeMasked),
    codeLast4: textOrNull(raw.codeLast4),
    expiresOn: textOrNull(raw.expiresOn),
    attempts: Number(raw.attempts),
    lastError: textOrNull(raw.lastError),
    issuedAt: toDateOrNull(raw.issuedAt),
    failedAt: toDateOrNull(raw.failedAt),
    reversedAt: toDateOrNull(raw.reversedAt),
    deactivatedAt: toDateOrNull(raw.deactivatedAt),
    createdAt: toDate(raw.createdAt),
  };
}
