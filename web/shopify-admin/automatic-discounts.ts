// A discount group's automatic basic discount: a percentage off the whole order, limited to the
// group's customer segment (`context.customerSegments`). It combines with shipping discounts (free
// shipping still applies) but not with other product or order discounts, so a member discount never
// stacks on a sale. Tagged with the group's id, which is how a retry finds one a crashed attempt created.
import type { AdminGraphqlClient, QueryCost } from './admin-graphql-client';

const DISCOUNT_FIELDS = `
  id
  discount {
    ... on DiscountAutomaticBasic {
      title
      tags
      customerGets { value { ... on DiscountPercentage { percentage } } }
      context { ... on DiscountCustomerSegments { segments { id } } }
    }
  }`;

export const DISCOUNT_NODE_QUERY = `#graphql
  query LoyaltyDiscountNode($id: ID!) {
    discountNode(id: $id) { ${DISCOUNT_FIELDS} }
  }
`;

export const DISCOUNTS_BY_TAG_QUERY = `#graphql
  query LoyaltyDiscountsByTag($query: String!) {
    discountNodes(first: 5, query: $query) { nodes { ${DISCOUNT_FIELDS} } }
  }
`;

const NODE_FIELDS = `
  automaticDiscountNode {
    id
    automaticDiscount {
      ... on DiscountAutomaticBasic {
        title
        tags
        customerGets { value { ... on DiscountPercentage { percentage } } }
        context { ... on DiscountCustomerSegments { segments { id } } }
      }
    }
  }
  userErrors { field code message }`;

export const DISCOUNT_CREATE_MUTATION = `#graphql
  mutation LoyaltyGroupDiscountCreate($discount: DiscountAutomaticBasicInput!) {
    discountAutomaticBasicCreate(automaticBasicDiscount: $discount) { ${NODE_FIELDS} }
  }
`;

export const DISCOUNT_UPDATE_MUTATION = `#graphql
  mutation LoyaltyGroupDiscountUpdate($id: ID!, $discount: DiscountAutomaticBasicInput!) {
    discountAutomaticBasicUpdate(id: $id, automaticBasicDiscount: $discount) { ${NODE_FIELDS} }
  }
`;

export const DISCOUNT_DELETE_MUTATION = `#graphql
  mutation LoyaltyGroupDiscountDelete($id: ID!) {
    discountAutomaticDelete(id: $id) {
      deletedAutomaticDiscountId
      userErrors { field code message }
    }
  }
`;

interface BasicDiscountFields {
  title?: string;
  tags?: string[];
  customerGets?: { value?: { percentage?: number } };
  context?: { segments?: Array<{ id: string }> };
}

export interface GroupDiscount {
  id: string;
  title: string;
  /** whole percent */
  percent: number;
  segmentIds: string[];
}

export interface GroupDiscountFields {
  title: string;
  percent: number;
  segmentId: string;
  tag: string;
  startsAt?: string;
}

type UserErrors = Array<{ field: string[] | null; code?: string | null; message: string }>;
export type DiscountAnswer = { ok: true; discount: GroupDiscount } | { ok: false; message: string };
type Meter = (cost: QueryCost | undefined) => void;

function seen(id: string, fields: BasicDiscountFields | undefined): GroupDiscount {
  return {
    id,
    title: fields?.title ?? '',
    percent: Math.round((fields?.customerGets?.value?.percentage ?? 0) * 100),
    segmentIds: fields?.context?.segments?.map((s) => s.id) ?? [],
  };
}

/** The input; `startsAt` only on create (an update keeps the discount's start). */
function discountInput(fields: GroupDiscountFields, segmentsToRemove: string[] = []) {
  return {
    title: fields.title,
    ...(fields.startsAt ? { startsAt: fields.startsAt } : {}),
    tags: [fields.tag],
    context: { customerSegments: { add: [fields.segmentId], ...(segmentsToRemove.length ? { remove: segmentsToRemove } : {}) } },
    customerGets: { value: { percentage: fields.percent / 100 }, items: { all: true } },
    combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: true },
  };
}

type NodePayload = { automaticDiscountNode: { id: string; automaticDiscount: BasicDiscountFields } | null; userErrors: UserErrors } | null;
const answerOf = (payload: NodePayload): DiscountAnswer =>
  payload?.automaticDiscountNode && payload.userErrors.length === 0
    ? { ok: true, discount: seen(payload.automaticDiscountNode.id, payload.automaticDiscountNode.automaticDiscount) }
    : { ok: false, message: payload?.userErrors.map((e) => e.message).join('; ') || 'no discount returned' };

export async function readGroupDiscount(client: AdminGraphqlClient, shop: string, token: string, id: string, meter: Meter): Promise<GroupDiscount | null> {
  const { data, cost } = await client.request<{ discountNode: { id: string; discount: BasicDiscountFields } | null }>(shop, token, DISCOUNT_NODE_QUERY, { id });
  meter(cost);
  return data.discountNode ? seen(data.discountNode.id, data.discountNode.discount) : null;
}

export async function findGroupDiscountByTag(client: AdminGraphqlClient, shop: string, token: string, tag: string, meter: Meter): Promise<GroupDiscount | null> {
  const { data, cost } = await client.request<{ discountNodes: { nodes: Array<{ id: string; discount: BasicDiscountFields }> } }>(shop, token, DISCOUNTS_BY_TAG_QUERY, { query: `tag:'${tag}' method:automatic` });
  meter(cost);
  const node = data.discountNodes.nodes.find((n) => n.discount.tags?.includes(tag));
  return node ? seen(node.id, node.discount) : null;
}

/** Not retried after a 5xx or a timeout (it may have been applied): the caller looks it up by tag next time. */
export async function createGroupDiscount(client: AdminGraphqlClient, shop: string, token: string, fields: GroupDiscountFields, meter: Meter): Promise<DiscountAnswer> {
  const { data, cost } = await client.request<{ discountAutomaticBasicCreate: NodePayload }>(shop, token, DISCOUNT_CREATE_MUTATION, { discount: discountInput(fields) }, { onlyRetryThrottled: true });
  meter(cost);
  return answerOf(data.discountAutomaticBasicCreate);
}

export async function updateGroupDiscount(client: AdminGraphqlClient, shop: string, token: string, id: string, fields: GroupDiscountFields, segmentsToRemove: string[], meter: Meter): Promise<DiscountAnswer> {
  const { data, cost } = await client.request<{ discountAutomaticBasicUpdate: NodePayload }>(shop, token, DISCOUNT_UPDATE_MUTATION, { id, discount: discountInput(fields, segmentsToRemove) });
  meter(cost);
  return answerOf(data.discountAutomaticBasicUpdate);
}

export async function deleteGroupDiscount(client: AdminGraphqlClient, shop: string, token: string, id: string, meter: Meter): Promise<void> {
  const { cost } = await client.request<{ discountAutomaticDelete: { deletedAutomaticDiscountId: string | null } | null }>(shop, token, DISCOUNT_DELETE_MUTATION, { id });
  meter(cost);
  // A user error means it is already gone, which is what we wanted.
}
