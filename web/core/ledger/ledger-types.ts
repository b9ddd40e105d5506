export type EntryType = 'earn' | 'redeem' | 'adjust' | 'expire' | 'reversal';
export type EntryStatus = 'pending' | 'posted' | 'voided';
export type SourceType = 'order' | 'line_item' | 'refund' | 'staff' | 'job' | 'redemption' | 'campaign' | 'booking' | 'import';

export interface NewLedgerEntry {
  shopId: string;
  memberId: string;
  type: EntryType;
  points: number;
  description: string;
  sourceType: SourceType;
  sourceId: string;
  idempotencyKey: string;
  orderId?: string | null;
  lineItemId?: string | null;
  staffUserId?: string | null;
  locationId?: string | null;
  reversesId?: string | null;
}

export interface LedgerEntryRef {
  id: string;
  /** false when an entry with the same idempotency key already existed (nothing was changed) */
  created: boolean;
}
