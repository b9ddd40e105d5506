// What the groups' Shopify side asks of Shopify, as a port: core never imports Shopify code. The
// adapter over the Admin API is web/shopify-admin/shopify-group-port.ts; it paces its calls by the
// shop's cost bucket and retries throttling and 5xx where a repeat is harmless.

export interface GroupShopAccess {
  domain: string;
  accessToken: string;
}

/** A failure talking to Shopify; `retryable` failures are retried by the task queue with backoff. */
export class GroupSyncFailure extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = 'GroupSyncFailure';
  }
}

export interface SegmentSeen {
  id: string;
  name: string;
  query: string;
}

export interface GroupDiscountInput {
  title: string;
  /** whole percent, 1..100 */
  percent: number;
  segmentId: string;
  /** the discount's own tag, naming the group: lets a retry find a discount a crashed attempt created */
  tag: string;
  startsAt: string;
}

export interface DiscountSeen {
  id: string;
  title: string;
  percent: number;
  segmentIds: string[];
}

export type PortAnswer<T> = ({ ok: true } & T) | { ok: false; message: string };

export interface CustomerTagChange {
  customerId: string;
  add: string[];
  remove: string[];
}

export interface GroupShopifyPort {
  /** Current tags per customer id; a customer Shopify does not know is absent. */
  readCustomerTags(shop: GroupShopAccess, customerIds: string[]): Promise<Map<string, string[]>>;
  /** tagsAdd/tagsRemove for many customers in as few requests as the cost limits allow; per-customer errors. */
  changeCustomerTags(shop: GroupShopAccess, changes: CustomerTagChange[]): Promise<Array<{ customerId: string; error: string }>>;
  readSegment(shop: GroupShopAccess, id: string): Promise<SegmentSeen | null>;
  findSegmentByName(shop: GroupShopAccess, name: string): Promise<SegmentSeen | null>;
  createSegment(shop: GroupShopAccess, input: { name: string; query: string }): Promise<PortAnswer<{ segment: SegmentSeen }>>;
  updateSegment(shop: GroupShopAccess, id: string, input: { name: string; query: string }): Promise<PortAnswer<{ segment: SegmentSeen }>>;
  /** Deleting what is already gone counts as done. */
  deleteSegment(shop: GroupShopAccess, id: string): Promise<void>;
  readDiscount(shop: GroupShopAccess, id: string): Promise<DiscountSeen | null>;
  findDiscountByTag(shop: GroupShopAccess, tag: string): Promise<DiscountSeen | null>;
  createDiscount(shop: GroupShopAccess, input: GroupDiscountInput): Promise<PortAnswer<{ discount: DiscountSeen }>>;
  updateDiscount(shop: GroupShopAccess, id: string, input: Omit<GroupDiscountInput, 'startsAt'> & { removeSegmentIds: string[] }): Promise<PortAnswer<{ discount: DiscountSeen }>>;
  deleteDiscount(shop: GroupShopAccess, id: string): Promise<void>;
}
