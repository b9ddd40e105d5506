// tagsAdd / tagsRemove on customers (the only taggable resource the app tags). Shopify trims tags,
// compares them case-insensitively, ignores ones the resource already has (add) or lacks (remove),
// and caps a resource at 250 tags of at most 255 characters. Reading tags needs nothing new:
// `customer(id) { tags }` and `nodes(ids) { ... on Customer { tags } }` already serve them.
import { parseGid } from './gid';
import { customerView } from './graphql-views';
import type { ShopState } from './shop-state';

type Args = Record<string, unknown>;

/** Shopify prints timestamps without milliseconds (as mutation-root.ts does; not imported from there, which imports this file). */
const shopifyTimestamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

const MAX_TAGS = 250;
const MAX_TAG_LENGTH = 255;

/** The `tags` argument: a list, each entry possibly comma-separated (Shopify accepts both). */
function tagsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((entry) => String(entry ?? '').split(',')).map((tag) => tag.trim()).filter((tag) => tag.length > 0);
}

export function createCustomerTagMutations(shop: ShopState, now: () => Date): Record<string, (args: Args) => unknown> {
  const find = (id: unknown) => {
    const parsed = typeof id === 'string' ? parseGid(id, 'Customer') : null;
    return parsed ? shop.customers.find((customer) => customer.id === parsed.id) : undefined;
  };
  // Guess (no recording): the message for an id that names no taggable resource.
  const notFound = { node: null, userErrors: [{ field: ['id'], message: 'Resource not found' }] };

  const tagsAdd = (args: Args) => {
    const customer = find(args.id);
    if (!customer) return notFound;
    const tags = tagsOf(args.tags);
    const tooLong = tags.find((tag) => tag.length > MAX_TAG_LENGTH);
    if (tooLong) return { node: null, userErrors: [{ field: ['tags'], message: `Tag "${tooLong.slice(0, 20)}…" is too long (maximum is ${MAX_TAG_LENGTH} characters)` }] };
    const have = new Set(customer.tags.map((tag) => tag.toLowerCase()));
    const added = tags.filter((tag) => {
      const key = tag.toLowerCase();
      if (have.has(key)) return false;
      have.add(key);
      return true;
    });
    if (customer.tags.length + added.length > MAX_TAGS) return { node: null, userErrors: [{ field: ['tags'], message: `A customer can have at most ${MAX_TAGS} tags` }] };
    if (added.length > 0) {
      customer.tags = [...customer.tags, ...added];
      customer.updatedAt = shopifyTimestamp(now());
    }
    return { node: customerView(shop, customer), userErrors: [] };
  };

  const tagsRemove = (args: Args) => {
    const customer = find(args.id);
    if (!customer) return notFound;
    const remove = new Set(tagsOf(args.tags).map((tag) => tag.toLowerCase()));
    const kept = customer.tags.filter((tag) => !remove.has(tag.toLowerCase()));
    if (kept.length !== customer.tags.length) {
      customer.tags = kept;
      customer.updatedAt = shopifyTimestamp(now());
    }
    return { node: customerView(shop, customer), userErrors: [] };
  };

  return { tagsAdd, tagsRemove };
}
