// Builds the admin API's member and ledger entry answers (web/contracts/admin-api.ts; dates as ISO strings).
import type { Entry, Member } from '../../contracts/admin-api';
import { minorUnitsFromColumn } from '../money';

type MemberRow = {
  id: string; shopifyCustomerId: string; firstName: string | null; lastName: string | null; email: string | null; phone: string | null;
  balance: number; pendingPoints: number; lifetimeSpendMinor: bigint | number; lastVisitAt: Date | null; createdAt: Date;
};

export type EntryRow = {
  id: string; memberId: string; createdAt: unknown; type: string; status: string; points: number | bigint; description: string; sourceType: string; sourceId: string;
  orderId: string | null; staffUserId: string | null; locationId: string | null; availableAt: unknown; postedAt: unknown;
};

/** Raw queries return dates as Date (PostgreSQL) or epoch milliseconds / text (SQLite). */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  const text = String(value);
  return /^\d+$/.test(text) ? new Date(Number(text)) : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

export function isoOrNull(value: unknown): string | null {
  return toDate(value)?.toISOString() ?? null;
}

export function toMemberView(row: MemberRow, currency: string): Member {
  return {
    id: row.id,
    shopifyCustomerId: row.shopifyCustomerId,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    balance: row.balance,
    pendingPoints: row.pendingPoints,
    lifetimeSpendMinor: minorUnitsFromColumn(row.lifetimeSpendMinor),
    currency,
    lastVisitAt: row.lastVisitAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toEntryView(row: EntryRow): Entry {
  return {
    id: row.id,
    memberId: row.memberId,
    createdAt: isoOrNull(row.createdAt) ?? '',
    type: row.type,
    status: row.status,
    points: Number(row.points),
    description: row.description,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    orderId: row.orderId,
    staffUserId: row.staffUserId,
    locationId: row.locationId,
    availableAt: isoOrNull(row.availableAt),
    postedAt: isoOrNull(row.postedAt),
  };
}

export function memberDisplayName(row: { firstName: string | null; lastName: string | null; email?: string | null }): string {
  const name = [row.firstName, row.lastName].filter((part) => part && part.trim() !== '').join(' ');
  return name || row.email || '';
}
