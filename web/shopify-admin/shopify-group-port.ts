// The groups' GroupShopifyPort over the Admin API: each call is a typed document of this folder,
// paced by the shop's cost bucket (cost-pacer.ts); Admin API failures become GroupSyncFailure, so core
// sees no Shopify types. Tag reads and changes are batched: 100 customers per read, and as many
// tagsAdd/tagsRemove fields per mutation document as fit a tenth of the bucket.
import { GroupSyncFailure, type GroupShopAccess, type GroupShopifyPort } from '../core/groups/group-shopify-port';
import { AdminApiError, type AdminGraphqlClient, type QueryCost } from './admin-graphql-client';
import { createGroupDiscount, deleteGroupDiscount, findGroupDiscountByTag, readGroupDiscount, updateGroupDiscount } from './automatic-discounts';
import { CostPacer } from './cost-pacer';
import { createSegment, deleteSegment, findSegmentByName, readSegment, updateSegment } from './customer-segments';
import { applyTagOperations, CUSTOMER_TAGS_PAGE, readCustomerTags, type TagOperation } from './customer-tags';

/** What Shopify charges per mutation field. */
const MUTATION_COST = 10;
/** Cap on tag fields per document (a bucket of 1,000 takes 10 such documents). */
const MAX_TAG_FIELDS = 25;

async function translated<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AdminApiError) throw new GroupSyncFailure(error.message, error.retryable);
    throw error;
  }
}

export interface GroupPortOptions {
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function shopifyGroupPort(admin: AdminGraphqlClient, options: GroupPortOptions = {}): GroupShopifyPort {
  const pacers = new Map<string, CostPacer>();
  const pacerOf = (shop: string) => {
    let pacer = pacers.get(shop);
    if (!pacer) pacers.set(shop, (pacer = new CostPacer(options.sleep ?? defaultSleep, options.clock)));
    return pacer;
  };
  /** Waits for `cost` points, runs the call, and records what the answer said of the bucket. */
  const paced = async <T>(shop: GroupShopAccess, cost: number, call: (meter: (cost: QueryCost | undefined) => void) => Promise<T>): Promise<T> => {
    const pacer = pacerOf(shop.domain);
    await pacer.waitFor(cost);
    return translated(() => call((seen) => pacer.record(seen)));
  };

  return {
    async readCustomerTags(shop, customerIds) {
      const tags = new Map<string, string[]>();
      for (let i = 0; i < customerIds.length; i += CUSTOMER_TAGS_PAGE) {
        const page = customerIds.slice(i, i + CUSTOMER_TAGS_PAGE);
        const answer = await paced(shop, 1, async (meter) => {
          const read = await readCustomerTags(admin, shop.domain, shop.accessToken, page);
          meter(read.cost);
          return read.tags;
        });
        for (const [id, list] of answer) tags.set(id, list);
      }
      return tags;
    },
    async changeCustomerTags(shop, changes) {
      const operations: TagOperation[] = changes.flatMap((change) => [
        ...(change.add.length ? [{ customerId: change.customerId, field: 'tagsAdd' as const, tags: change.add }] : []),
        ...(change.remove.length ? [{ customerId: change.customerId, field: 'tagsRemove' as const, tags: change.remove }] : []),
      ]);
      const refused = new Map<string, string>();
      let index = 0;
      while (index < operations.length) {
        const bucket = pacerOf(shop.domain).maximumAvailable ?? 1000;
        const size = Math.max(1, Math.min(MAX_TAG_FIELDS, Math.floor(bucket / 10 / MUTATION_COST)));
        const chunk = operations.slice(index, index + size);
        const { errors } = await paced(shop, chunk.length * MUTATION_COST, async (meter) => {
          const answer = await applyTagOperations(admin, shop.domain, shop.accessToken, chunk);
          meter(answer.cost);
          return answer;
        });
        for (const error of errors) refused.set(chunk[error.index]!.customerId, error.message);
        index += chunk.length;
      }
      return [...refused].map(([customerId, error]) => ({ customerId, error }));
    },
    readSegment: (shop, id) => paced(shop, 2, (meter) => readSegment(admin, shop.domain, shop.accessToken, id, meter)),
    findSegmentByName: (shop, name) => paced(shop, 12, (meter) => findSegmentByName(admin, shop.domain, shop.accessToken, name, meter)),
    createSegment: (shop, input) => paced(shop, MUTATION_COST, (meter) => createSegment(admin, shop.domain, shop.accessToken, input, meter)),
    updateSegment: (shop, id, input) => paced(shop, MUTATION_COST, (meter) => updateSegment(admin, shop.domain, shop.accessToken, id, input, meter)),
    deleteSegment: (shop, id) => paced(shop, MUTATION_COST, (meter) => deleteSegment(admin, shop.domain, shop.accessToken, id, meter)),
    readDiscount: (shop, id) => paced(shop, 5, (meter) => readGroupDiscount(admin, shop.domain, shop.accessToken, id, meter)),
    findDiscountByTag: (shop, tag) => paced(shop, 25, (meter) => findGroupDiscountByTag(admin, shop.domain, shop.accessToken, tag, meter)),
    createDiscount: (shop, input) => paced(shop, MUTATION_COST, (meter) => createGroupDiscount(admin, shop.domain, shop.accessToken, input, meter)),
    updateDiscount: (shop, id, input) =>
      paced(shop, MUTATION_COST, (meter) => updateGroupDiscount(admin, shop.domain, shop.accessToken, id, input, input.removeSegmentIds, meter)),
    deleteDiscount: (shop, id) => paced(shop, MUTATION_COST, (meter) => deleteGroupDiscount(admin, shop.domain, shop.accessToken, id, meter)),
  };
}

const ports = new WeakMap<AdminGraphqlClient, GroupShopifyPort>();

/** One port per Admin client, so the pacing of a shop is shared by every task this process runs. */
export function groupPortOf(admin: AdminGraphqlClient): GroupShopifyPort {
  let port = ports.get(admin);
  if (!port) ports.set(admin, (port = shopifyGroupPort(admin)));
  return port;
}
