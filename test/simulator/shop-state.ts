// The simulator's in-memory model of one shop. Plain objects on purpose: tests read and mutate them
// directly. Money is integer minor units in the shop currency unless a field says otherwise.
import type { SimLocation } from './locations';

export interface SimMetafield {
  id: number;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface SimVariant {
  id: number;
  productId: number;
  title: string;
  price: number;
  sku: string | null;
}

export interface SimProduct {
  id: number;
  title: string;
  handle: string;
  productType: string;
  vendor: string;
  tags: string[];
  isGiftCard: boolean;
  status: 'ACTIVE' | 'ARCHIVED' | 'DRAFT';
  createdAt: string;
  updatedAt: string;
  variants: SimVariant[];
  metafields: SimMetafield[];
}

export type EmailMarketingState = 'SUBSCRIBED' | 'NOT_SUBSCRIBED' | 'UNSUBSCRIBED' | 'PENDING';

export interface SimCustomer {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  locale: string;
  tags: string[];
  note: string | null;
  emailMarketingState: EmailMarketingState;
  createdAt: string;
  updatedAt: string;
  metafields: SimMetafield[];
}

export interface SimLineItemProperty {
  name: string;
  value: string;
}

export interface SimLineItem {
  id: number;
  productId: number | null;
  variantId: number | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  /** Unit price. */
  price: number;
  /** Discount on the whole line. */
  totalDiscount: number;
  giftCard: boolean;
  properties: SimLineItemProperty[];
}

export interface SimRefund {
  id: number;
  createdAt: string;
  lineItems: Array<{ id: number; lineItemId: number; quantity: number; subtotal: number }>;
}

export type FinancialStatus = 'pending' | 'authorized' | 'paid' | 'partially_refunded' | 'refunded' | 'voided';

export interface SimOrder {
  id: number;
  /** Shopify's order number; `name` is "#" + number. */
  number: number;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  currency: string;
  financialStatus: FinancialStatus;
  fulfillmentStatus: 'fulfilled' | 'partial' | null;
  cancelledAt: string | null;
  cancelReason: 'customer' | 'declined' | 'fraud' | 'inventory' | 'other' | null;
  customerId: number | null;
  email: string | null;
  note: string | null;
  lineItems: SimLineItem[];
  totalTax: number;
  shipping: number;
  tip: number;
  locationId: number | null;
  test: boolean;
  refunds: SimRefund[];
  metafields: SimMetafield[];
}

export interface SimGiftCard {
  id: number;
  /** Full code, lower-case as Shopify returns it; only giftCardCreate ever reveals it. */
  code: string;
  currency: string;
  initialValue: number;
  balance: number;
  customerId: number | null;
  note: string | null;
  expiresOn: string | null;
  templateSuffix: string | null;
  createdAt: string;
  updatedAt: string;
  deactivatedAt: string | null;
}

export interface SimStoreCreditTransaction {
  id: number;
  kind: 'credit' | 'debit';
  /** Signed: debits are negative, as Shopify reports them. */
  amount: number;
  balanceAfter: number;
  createdAt: string;
  expiresAt: string | null;
}

export interface SimStoreCreditAccount {
  id: number;
  customerId: number;
  currency: string;
  balance: number;
  transactions: SimStoreCreditTransaction[];
}

export interface ShopSettings {
  name: string;
  currencyCode: string;
  ianaTimezone: string;
  primaryLocale: string;
  /** Major units, as a merchant types it (e.g. 2000 or "2000.00"). */
  giftCardIssueLimit: number | string;
  giftCardPurchaseLimit?: number | string;
  email?: string;
  planDisplayName?: string;
}

export interface ShopState {
  domain: string;
  /** Numeric part of the Shop gid. */
  id: number;
  name: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  primaryLocale: string;
  planDisplayName: string;
  giftCardIssueLimit: number;
  giftCardPurchaseLimit: number;
  products: SimProduct[];
  customers: SimCustomer[];
  orders: SimOrder[];
  giftCards: SimGiftCard[];
  storeCreditAccounts: SimStoreCreditAccount[];
  metafields: SimMetafield[];
  /** the shop's locations (locations.ts); absent = none */
  locations?: SimLocation[];
  /** Next numeric id for anything created in this shop; ids are unique within a shop. */
  nextId: number;
}

export function allocateId(shop: ShopState): number {
  const id = shop.nextId;
  shop.nextId += 1;
  return id;
}
