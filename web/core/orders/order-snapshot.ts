// What the domain needs to know about a Shopify order, whichever webhook topic delivered it.
import type { CustomerFields } from '../members/upsert-member';

export interface LineItemProperty {
  name: string;
  value: string;
}

export interface OrderLineSnapshot {
  shopifyLineItemId: string;
  productId: string | null;
  variantId: string | null;
  title: string;
  quantity: number;
  /** what the line counts for: after discounts, without tax; 0 for gift cards */
  eligibleMinor: number;
  isGiftCard: boolean;
  properties: LineItemProperty[];
  /** units left after order edits (Shopify's current_quantity); 0 = removed by an edit. Absent = not sent. */
  currentQuantity?: number;
}

export interface RefundLineSnapshot {
  shopifyLineItemId: string;
  quantity: number;
  subtotalMinor: number;
}

export interface RefundSnapshot {
  refundId: string;
  createdAt: Date;
  lines: RefundLineSnapshot[];
}

export interface OrderSnapshot {
  shopifyOrderId: string;
  name: string;
  currency: string;
  processedAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  financialStatus: string;
  fulfillmentStatus: string;
  locationId: string | null;
  customer: CustomerFields | null;
  lines: OrderLineSnapshot[];
  refunds: RefundSnapshot[];
  /** the order's tags (a configured one marks its bookings as no-shows); absent = not sent */
  tags?: string[];
}

/** Which webhook brought the snapshot; `paid` is authoritative that the order has been paid. */
export type OrderTrigger = 'created' | 'paid' | 'updated' | 'cancelled' | 'fulfilled';

const PAID_STATUSES = new Set(['paid', 'partially_refunded', 'refunded']);

export function isPaid(snapshot: OrderSnapshot, trigger: OrderTrigger): boolean {
  return trigger === 'paid' || PAID_STATUSES.has(snapshot.financialStatus);
}
