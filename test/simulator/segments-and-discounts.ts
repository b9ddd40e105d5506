// Customer segments and automatic basic discounts: the Shopify objects behind a group's "discount"
// benefit (a segment selecting the group's customer tag, an automatic discount limited to it). The
// state lives beside the shop (a WeakMap, so shop-state.ts stays as it is); tests read it with
// segmentsAndDiscountsOf. Validation messages are best guesses where no recording exists.
import { buildConnection, type ConnectionArgs } from './connection';
import { parseGid, toGid } from './gid';
import { matchesSearch } from './search-query';
import { allocateId, type ShopState } from './shop-state';

type Args = Record<string, unknown>;

/** Shopify prints timestamps without milliseconds (as mutation-root.ts does; not imported from there, which imports this file). */
const shopifyTimestamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface SimSegment {
  id: number;
  name: string;
  query: string;
  creationDate: string;
  lastEditDate: string;
}

export interface SimAutomaticDiscount {
  id: number;
  title: string;
  /** 0..1, as Shopify takes and returns it */
  percentage: number;
  /** segment ids the discount is limited to; empty = all buyers */
  segmentIds: number[];
  combinesWith: { productDiscounts: boolean; orderDiscounts: boolean; shippingDiscounts: boolean };
  tags: string[];
  startsAt: string;
  endsAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SegmentsAndDiscounts {
  segments: SimSegment[];
  discounts: SimAutomaticDiscount[];
}

const states = new WeakMap<ShopState, SegmentsAndDiscounts>();

export function segmentsAndDiscountsOf(shop: ShopState): SegmentsAndDiscounts {
  let state = states.get(shop);
  if (!state) states.set(shop, (state = { segments: [], discounts: [] }));
  return state;
}

// The segment query language is large; the simulator accepts the filters the app writes.
const SEGMENT_QUERY = /^customer_tags (NOT )?CONTAINS '[^']{1,255}'$/;

function asRecord(value: unknown): Args {
  return value && typeof value === 'object' ? (value as Args) : {};
}

function segmentView(segment: SimSegment) {
  return { __typename: 'Segment', id: toGid('Segment', segment.id), name: segment.name, query: segment.query, creationDate: segment.creationDate, lastEditDate: segment.lastEditDate };
}

function discountView(state: SegmentsAndDiscounts, discount: SimAutomaticDiscount) {
  const segments = discount.segmentIds.map((id) => state.segments.find((s) => s.id === id)).filter((s): s is SimSegment => !!s);
  const percent = Math.round(discount.percentage * 100);
  return {
    __typename: 'DiscountAutomaticBasic',
    title: discount.title,
    status: 'ACTIVE',
    startsAt: discount.startsAt,
    endsAt: discount.endsAt,
    createdAt: discount.createdAt,
    updatedAt: discount.updatedAt,
    tags: discount.tags,
    summary: `${percent}% off entire order`,
    shortSummary: `${percent}% off entire order`,
    asyncUsageCount: 0,
    recurringCycleLimit: 0,
    discountClasses: ['ORDER'],
    discountClass: 'ORDER',
    minimumRequirement: null,
    combinesWith: { __typename: 'DiscountCombinesWith', ...discount.combinesWith, productDiscountsWithTagsOnSameCartLine: null },
    context: segments.length > 0 || discount.segmentIds.length > 0
      ? { __typename: 'DiscountCustomerSegments', segments: segments.map(segmentView) }
      : { __typename: 'DiscountBuyerSelectionAll', all: 'ALL' },
    customerGets: {
      __typename: 'DiscountCustomerGets',
      value: { __typename: 'DiscountPercentage', percentage: discount.percentage },
      items: { __typename: 'AllDiscountItems', allItems: true },
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
    },
  };
}

function discountNodeView(state: SegmentsAndDiscounts, discount: SimAutomaticDiscount) {
  return { __typename: 'DiscountNode', id: toGid('DiscountAutomaticNode', discount.id), discount: discountView(state, discount) };
}

function automaticNodeView(state: SegmentsAndDiscounts, discount: SimAutomaticDiscount) {
  return { __typename: 'DiscountAutomaticNode', id: toGid('DiscountAutomaticNode', discount.id), automaticDiscount: discountView(state, discount) };
}

const discountSearchFields = (discount: SimAutomaticDiscount) => ({
  text: discount.title,
  fields: { id: discount.id, title: discount.title, tag: discount.tags, method: 'automatic', status: 'active', type: 'percentage', segment_ids: discount.segmentIds.map(String) },
});

export function createSegmentAndDiscountMutations(shop: ShopState, now: () => Date): Record<string, (args: Args) => unknown> {
  const state = segmentsAndDiscountsOf(shop);
  const findSegment = (id: unknown) => {
    const parsed = typeof id === 'string' ? parseGid(id, 'Segment') : null;
    return parsed ? state.segments.find((s) => s.id === parsed.id) : undefined;
  };
  const findDiscount = (id: unknown) => {
    const parsed = typeof id === 'string' ? parseGid(id, 'DiscountAutomaticNode') : null;
    return parsed ? state.discounts.find((d) => d.id === parsed.id) : undefined;
  };
  const segmentErrors = (name: unknown, query: unknown, self?: SimSegment) => {
    const errors: Array<{ field: string[]; message: string }> = [];
    if (name !== undefined && name !== null) {
      if (typeof name !== 'string' || name.trim() === '') errors.push({ field: ['name'], message: "Name can't be blank" });
      else if (state.segments.some((s) => s !== self && s.name.toLowerCase() === name.trim().toLowerCase())) errors.push({ field: ['name'], message: 'Name has already been taken' });
    }
    if (query !== undefined && query !== null && (typeof query !== 'string' || !SEGMENT_QUERY.test(query.trim()))) {
      errors.push({ field: ['query'], message: 'Query is invalid' });
    }
    return errors;
  };

  const segmentCreate = (args: Args) => {
    const errors = segmentErrors(args.name, args.query);
    if (errors.length > 0) return { segment: null, userErrors: errors };
    const stamp = shopifyTimestamp(now());
    const segment = { id: allocateId(shop), name: String(args.name).trim(), query: String(args.query).trim(), creationDate: stamp, lastEditDate: stamp };
    state.segments.push(segment);
    return { segment: segmentView(segment), userErrors: [] };
  };

  const segmentUpdate = (args: Args) => {
    const segment = findSegment(args.id);
    if (!segment) return { segment: null, userErrors: [{ field: ['id'], message: 'Segment does not exist' }] };
    const errors = segmentErrors(args.name, args.query, segment);
    if (errors.length > 0) return { segment: null, userErrors: errors };
    if (typeof args.name === 'string') segment.name = args.name.trim();
    if (typeof args.query === 'string') segment.query = args.query.trim();
    segment.lastEditDate = shopifyTimestamp(now());
    return { segment: segmentView(segment), userErrors: [] };
  };

  const segmentDelete = (args: Args) => {
    const segment = findSegment(args.id);
    if (!segment) return { deletedSegmentId: null, userErrors: [{ field: ['id'], message: 'Segment does not exist' }] };
    state.segments = state.segments.filter((s) => s !== segment);
    for (const discount of state.discounts) discount.segmentIds = discount.segmentIds.filter((id) => id !== segment.id);
    return { deletedSegmentId: toGid('Segment', segment.id), userErrors: [] };
  };

  /** Applies a DiscountAutomaticBasicInput onto a discount (new or existing); returns user errors. */
  const applyInput = (input: Args, discount: SimAutomaticDiscount, creating: boolean) => {
    const errors: Array<{ field: string[]; message: string; code: string }> = [];
    const field = (...path: string[]) => ['automaticBasicDiscount', ...path];
    if (creating || 'title' in input) {
      if (typeof input.title !== 'string' || input.title.trim() === '') errors.push({ field: field('title'), message: "Title can't be blank", code: 'BLANK' });
    }
    if (creating && typeof input.startsAt !== 'string') errors.push({ field: field('startsAt'), message: "Starts at can't be blank", code: 'BLANK' });
    const gets = asRecord(input.customerGets);
    const value = asRecord(gets.value);
    if (creating && typeof value.percentage !== 'number') errors.push({ field: field('customerGets', 'value'), message: 'Value is required', code: 'BLANK' });
    if (typeof value.percentage === 'number' && (value.percentage <= 0 || value.percentage > 1)) {
      errors.push({ field: field('customerGets', 'value', 'percentage'), message: 'Value must be between 0.0 and 1.0', code: 'VALUE_OUTSIDE_RANGE' });
    }
    const segments = asRecord(asRecord(input.context).customerSegments);
    const add = Array.isArray(segments.add) ? segments.add : [];
    const remove = Array.isArray(segments.remove) ? segments.remove : [];
    const addIds: number[] = [];
    for (const gid of add) {
      const segment = findSegment(gid);
      if (!segment) errors.push({ field: field('context', 'customerSegments', 'add'), message: 'Customer segment does not exist', code: 'INVALID' });
      else addIds.push(segment.id);
    }
    if (errors.length > 0) return errors;
    if (typeof input.title === 'string') discount.title = input.title.trim();
    if (typeof input.startsAt === 'string') discount.startsAt = input.startsAt;
    if ('endsAt' in input) discount.endsAt = typeof input.endsAt === 'string' ? input.endsAt : null;
    if (Array.isArray(input.tags)) discount.tags = input.tags.map(String);
    if (typeof value.percentage === 'number') discount.percentage = value.percentage;
    const removeIds = new Set(remove.map((gid) => findSegment(gid)?.id));
    discount.segmentIds = [...new Set([...discount.segmentIds.filter((id) => !removeIds.has(id)), ...addIds])];
    if (input.combinesWith) {
      const combines = asRecord(input.combinesWith);
      discount.combinesWith = { productDiscounts: combines.productDiscounts === true, orderDiscounts: combines.orderDiscounts === true, shippingDiscounts: combines.shippingDiscounts === true };
    }
    discount.updatedAt = shopifyTimestamp(now());
    return [];
  };

  const discountAutomaticBasicCreate = (args: Args) => {
    const stamp = shopifyTimestamp(now());
    const draft: SimAutomaticDiscount = {
      id: 0, title: '', percentage: 0, segmentIds: [], combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: false },
      tags: [], startsAt: stamp, endsAt: null, createdAt: stamp, updatedAt: stamp,
    };
    const errors = applyInput(asRecord(args.automaticBasicDiscount), draft, true);
    if (errors.length > 0) return { automaticDiscountNode: null, userErrors: errors };
    draft.id = allocateId(shop);
    state.discounts.push(draft);
    return { automaticDiscountNode: automaticNodeView(state, draft), userErrors: [] };
  };

  const discountAutomaticBasicUpdate = (args: Args) => {
    const discount = findDiscount(args.id);
    if (!discount) return { automaticDiscountNode: null, userErrors: [{ field: ['id'], message: 'Discount does not exist', code: 'INVALID' }] };
    const draft = { ...discount, segmentIds: [...discount.segmentIds] };
    const errors = applyInput(asRecord(args.automaticBasicDiscount), draft, false);
    if (errors.length > 0) return { automaticDiscountNode: null, userErrors: errors };
    Object.assign(discount, draft);
    return { automaticDiscountNode: automaticNodeView(state, discount), userErrors: [] };
  };

  const discountAutomaticDelete = (args: Args) => {
    const discount = findDiscount(args.id);
    if (!discount) return { deletedAutomaticDiscountId: null, userErrors: [{ field: ['id'], message: 'Discount does not exist', code: 'INVALID' }] };
    state.discounts = state.discounts.filter((d) => d !== discount);
    return { deletedAutomaticDiscountId: toGid('DiscountAutomaticNode', discount.id), userErrors: [] };
  };

  return { segmentCreate, segmentUpdate, segmentDelete, discountAutomaticBasicCreate, discountAutomaticBasicUpdate, discountAutomaticDelete };
}

export function createSegmentAndDiscountQueries(shop: ShopState): Record<string, (args: Args) => unknown> {
  const state = segmentsAndDiscountsOf(shop);
  const byGid = <T extends { id: number }>(items: T[], gid: unknown, type: string) => {
    const parsed = typeof gid === 'string' ? parseGid(gid, type) : null;
    return parsed ? items.find((item) => item.id === parsed.id) : undefined;
  };
  const discounts = (query: unknown) => state.discounts.filter((d) => matchesSearch(typeof query === 'string' ? query : null, discountSearchFields(d)));
  return {
    segment: (args) => {
      const segment = byGid(state.segments, args.id, 'Segment');
      return segment ? segmentView(segment) : null;
    },
    segments: (args) =>
      buildConnection(
        state.segments.filter((s) => matchesSearch(typeof args.query === 'string' ? args.query : null, { text: s.name, fields: { id: s.id, name: s.name } })),
        args as ConnectionArgs, (s) => s.id, segmentView,
      ),
    discountNode: (args) => {
      const discount = byGid(state.discounts, args.id, 'DiscountAutomaticNode');
      return discount ? discountNodeView(state, discount) : null;
    },
    discountNodes: (args) => buildConnection(discounts(args.query), args as ConnectionArgs, (d) => d.id, (d) => discountNodeView(state, d)),
    automaticDiscountNodes: (args) => buildConnection(discounts(args.query), args as ConnectionArgs, (d) => d.id, (d) => automaticNodeView(state, d)),
  };
}
