// Applies a batch of order snapshots (orders/create|paid|updated|fulfilled deliveries) with a few
// multi-row statements in one transaction, instead of a few dozen statements per order. It keeps the
// guarantees of applyOrderSnapshot, which stays the path for cancellations and refunds:
// - the batch's orders are locked (in key order, so concurrent batches cannot deadlock on them), then
//   its members; the snapshots of one order are folded in delivery order, so an older orders/updated
//   never moves the order back, and payment and fulfilment stay one-way facts;
// - points are computed in memory by the same code (plan-order-earnings.ts); the orders of one member
//   are applied in delivery order, each seeing the lifetime spend left by the previous (spend tiers);
// - each pending entry keeps its idempotency key (ON CONFLICT DO NOTHING), and the member's pending
//   points grow only by the entries actually inserted;
// - `inTransaction` lets the caller mark the batch's tasks done in the same commit.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db-client';
import { minorUnitsFromColumn } from '../money';
import { sqlClientOf, type SqlExecutor } from '../sql/sql-client';
import { joinSql, sql, sqlList, toDate, toDateOrNull } from '../sql/sql-query';
import { loadMemberEarningBenefits, type MemberEarningBenefit } from '../groups/member-earning-benefits';
import { enqueueMemberGroupRefresh } from '../groups/enqueue-member-group-refresh';
import { loadEarningContext, type EarningContext } from './load-earning-context';
import { isPaid, type OrderSnapshot, type OrderTrigger } from './order-snapshot';
import { inChunks, insertAndLockOrders, orderKey, writeOrders, type OrderRow } from './order-rows';
import { mayChangeBookings } from '../bookings/apply-order-booking-changes';
import { describeNewLine, fulfilmentAvailableAt, planOrderEarnings, type NewOrderLine, type PlannedEntry } from './plan-order-earnings';

export interface OrderBatchItem {
  /** the caller's handle for the item (a task id) */
  key: string;
  shopId: string;
  snapshot: OrderSnapshot;
  trigger: OrderTrigger;
}

export interface OrderBatchResult {
  /** applied in this batch's transaction */
  applied: string[];
  /** to be applied one by one, in this order, with applyOrderSnapshot (cancellations, refunds) */
  individually: string[];
  pendingPointsRecorded: number;
  /** points posted at once (`postDueBy`) */
  postedPointsRecorded: number;
}

/** Snapshots that cancel or refund take the one-order path, and so does every other delivery of that order. */
function needsOneByOne(item: OrderBatchItem): boolean {
  return item.snapshot.cancelledAt !== null || item.snapshot.refunds.length > 0;
}

interface LineRow extends NewOrderLine {
  id: string;
  orderRecordId: string;
  earnedPoints: number;
  pointsBasis: string;
  createdAt: Date;
  changed: boolean;
}

interface MemberRow {
  id: string;
  shopId: string;
  shopifyCustomerId: string;
  lifetimeSpendMinor: number;
  lastVisitAt: Date | null;
  changed: boolean;
}

const customerKey = (shopId: string, shopifyCustomerId: string) => `${shopId}\n${shopifyCustomerId}`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const flag = (value: boolean) => (value ? 1 : 0);

const LINE_COLUMNS = sql`"id", "shopId", "orderRecordId", "shopifyLineItemId", "productId", "variantId", "title", "quantity", "refundedQuantity",
  "eligibleMinor", "isService", "isGiftCard", "appointmentStart", "appointmentEnd", "appointmentStatus", "rawProperties", "appointmentIssue",
  "earnedPoints", "pointsBasis", "bookingStatus", "createdAt"`;

function readLine(row: Record<string, unknown>): LineRow {
  return {
    ...(row as unknown as LineRow),
    quantity: Number(row.quantity),
    refundedQuantity: Number(row.refundedQuantity),
    eligibleMinor: minorUnitsFromColumn(row.eligibleMinor as number),
    earnedPoints: Number(row.earnedPoints),
    isService: Boolean(Number(row.isService)) || row.isService === true,
    isGiftCard: Boolean(Number(row.isGiftCard)) || row.isGiftCard === true,
    appointmentStart: toDateOrNull(row.appointmentStart),
    appointmentEnd: toDateOrNull(row.appointmentEnd),
    createdAt: toDate(row.createdAt),
    changed: false,
  };
}

async function readLines(tx: SqlExecutor, orderIds: string[]): Promise<Map<string, LineRow[]>> {
  const lines = new Map<string, LineRow[]>();
  if (orderIds.length === 0) return lines;
  const rows = await inChunks(orderIds, 500, (chunk) =>
    tx.query<Record<string, unknown>>(sql`SELECT ${LINE_COLUMNS} FROM "OrderLine" WHERE "orderRecordId" IN ${sqlList(chunk)} ORDER BY "createdAt", "id"`));
  for (const line of rows.map(readLine)) lines.set(line.orderRecordId, [...(lines.get(line.orderRecordId) ?? []), line]);
  return lines;
}

/**
 * Creates the batch's customers as members or refreshes their contact fields (a field the payload does
 * not carry is left alone), and locks every member whose orders the batch may credit.
 */
async function lockMembers(tx: SqlExecutor, items: OrderBatchItem[], orders: Iterable<OrderRow>, now: Date): Promise<{ byCustomer: Map<string, MemberRow>; byId: Map<string, MemberRow> }> {
  const contacts = new Map<string, { shopId: string; fields: NonNullable<OrderSnapshot['customer']> }>();
  for (const item of items) {
    const customer = item.snapshot.customer;
    if (!customer) continue;
    const key = customerKey(item.shopId, customer.shopifyCustomerId);
    const before = contacts.get(key)?.fields;
    const defined = Object.fromEntries(Object.entries(customer).filter(([, value]) => value !== undefined && value !== null));
    contacts.set(key, { shopId: item.shopId, fields: { ...before, ...defined } as NonNullable<OrderSnapshot['customer']> });
  }
  const byCustomer = new Map<string, MemberRow>();
  const byId = new Map<string, MemberRow>();
  const remember = (row: Record<string, unknown>) => {
    const member: MemberRow = {
      id: String(row.id), shopId: String(row.shopId), shopifyCustomerId: String(row.shopifyCustomerId),
      lifetimeSpendMinor: minorUnitsFromColumn(row.lifetimeSpendMinor as number), lastVisitAt: toDateOrNull(row.lastVisitAt), changed: false,
    };
    byCustomer.set(customerKey(member.shopId, member.shopifyCustomerId), member);
    byId.set(member.id, member);
  };
  const upserts = [...contacts].sort(([a], [b]) => byText(a, b));
  const upserted = await inChunks(upserts, 500, (chunk) => {
    const rows = chunk.map(([, { shopId, fields: c }]) =>
      sql`(${randomUUID()}, ${shopId}, ${c.shopifyCustomerId}, ${c.email ?? null}, ${c.phone ?? null}, ${c.firstName ?? null}, ${c.lastName ?? null}, ${c.locale ?? null}, ${now}, ${now})`);
    return tx.query<Record<string, unknown>>(sql`
      INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "email", "phone", "firstName", "lastName", "locale", "createdAt", "updatedAt")
      VALUES ${joinSql(rows)}
      ON CONFLICT ("shopId", "shopifyCustomerId") DO UPDATE SET
        "email" = COALESCE(excluded."email", "Member"."email"), "phone" = COALESCE(excluded."phone", "Member"."phone"),
        "firstName" = COALESCE(excluded."firstName", "Member"."firstName"), "lastName" = COALESCE(excluded."lastName", "Member"."lastName"),
        "locale" = COALESCE(excluded."locale", "Member"."locale"), "updatedAt" = excluded."updatedAt"
      RETURNING "id", "shopId", "shopifyCustomerId", "lifetimeSpendMinor", "lastVisitAt"`);
  });
  upserted.forEach(remember);
  // Members already on an order whose snapshot names no customer.
  const others = [...new Set([...orders].map((order) => order.memberId).filter((id): id is string => id !== null && !byId.has(id)))].sort(byText);
  if (others.length > 0) {
    const lock = tx.dialect === 'postgresql' ? sql` FOR UPDATE` : sql``;
    (await tx.query<Record<string, unknown>>(sql`
      SELECT "id", "shopId", "shopifyCustomerId", "lifetimeSpendMinor", "lastVisitAt" FROM "Member" WHERE "id" IN ${sqlList(others)} ORDER BY "id"${lock}`)).forEach(remember);
  }
  return { byCustomer, byId };
}

interface Folded {
  order: OrderRow;
  lines: LineRow[];
  entries: PlannedEntry[];
  /** earnings recorded before this batch, whose fulfilment-held entries this batch may release */
  releaseAt: Date | null;
  context: EarningContext;
}

/** Applies one order's snapshots in delivery order to its row, in memory (what applyOrderSnapshot does per delivery). */
function foldOrder(items: OrderBatchItem[], start: OrderRow, created: boolean, storedLines: LineRow[], context: EarningContext, members: { byCustomer: Map<string, MemberRow>; byId: Map<string, MemberRow> }, benefits: Map<string, MemberEarningBenefit>, now: Date, countSpend = true): Folded {
  const order = { ...start };
  const lines = [...storedLines];
  const entries: PlannedEntry[] = [];
  const earnedBefore = start.earningRecordedAt !== null;
  let releaseAt: Date | null = null;
  items.forEach((item, index) => {
    const { snapshot } = item;
    const stale = !(created && index === 0) && snapshot.updatedAt < order.shopifyUpdatedAt;
    const member = snapshot.customer ? members.byCustomer.get(customerKey(item.shopId, snapshot.customer.shopifyCustomerId)) : undefined;
    const paid = isPaid(snapshot, item.trigger);
    const fulfilled = item.trigger === 'fulfilled' || snapshot.fulfillmentStatus === 'fulfilled';
    order.memberId = order.memberId ?? member?.id ?? null;
    if (!stale) {
      Object.assign(order, {
        name: snapshot.name, financialStatus: snapshot.financialStatus, fulfillmentStatus: snapshot.fulfillmentStatus,
        locationId: snapshot.locationId, shopifyUpdatedAt: snapshot.updatedAt,
      });
    }
    // Payment and fulfilment are one-way facts: even a stale snapshot may carry them first.
    if (paid && !order.paidAt) order.paidAt = now;
    if (fulfilled && !order.fulfilledAt) order.fulfilledAt = now;
    const known = new Set(lines.map((line) => line.shopifyLineItemId));
    for (const line of snapshot.lines) {
      if (known.has(line.shopifyLineItemId)) continue;
      known.add(line.shopifyLineItemId);
      lines.push({ ...describeNewLine(context, line), id: randomUUID(), orderRecordId: order.id, earnedPoints: 0, pointsBasis: '', createdAt: now, changed: true });
    }
    if (order.cancelledAt) return;
    const earner = order.memberId ? members.byId.get(order.memberId) : undefined;
    if (paid && earner && !order.earningRecordedAt) {
      order.earningRecordedAt = now;
      const plan = planOrderEarnings(context, snapshot, lines, {
        shopId: order.shopId, memberId: earner.id, paidAt: order.paidAt ?? now, fulfilledAt: order.fulfilledAt, lifetimeSpendMinor: earner.lifetimeSpendMinor,
        benefit: benefits.get(earner.id),
      });
      for (const planned of plan.lines) {
        const line = lines.find((l) => l.shopifyLineItemId === planned.shopifyLineItemId)!;
        Object.assign(line, { earnedPoints: planned.earnedPoints, pointsBasis: planned.pointsBasis, changed: true });
      }
      entries.push(...plan.entries);
      if (countSpend) earner.lifetimeSpendMinor += plan.eligibleMinor;
      if (!earner.lastVisitAt || plan.visitAt > earner.lastVisitAt) earner.lastVisitAt = plan.visitAt;
      earner.changed = true;
      order.eligibleMinor = plan.eligibleMinor;
    }
    if (fulfilled && order.fulfilledAt) {
      const availableAt = fulfilmentAvailableAt(context, order.fulfilledAt);
      for (const planned of entries) if (planned.availableAt === null) planned.availableAt = availableAt;
      if (earnedBefore) releaseAt = availableAt;
    }
  });
  return { order, lines, entries, releaseAt, context };
}

async function writeLines(tx: SqlExecutor, lines: Array<LineRow & { shopId: string }>): Promise<void> {
  await inChunks(lines, 200, async (chunk) => {
    const rows = chunk.map((l) => sql`(${l.id}, ${l.shopId}, ${l.orderRecordId}, ${l.shopifyLineItemId}, ${l.productId}, ${l.variantId}, ${l.title}, ${l.quantity},
      ${l.refundedQuantity}, ${l.eligibleMinor}, ${flag(l.isService)}, ${flag(l.isGiftCard)}, ${l.appointmentStart}, ${l.appointmentEnd}, ${l.appointmentStatus},
      ${l.rawProperties}, ${l.appointmentIssue}, ${l.earnedPoints}, ${l.pointsBasis}, ${l.bookingStatus ?? 'booked'}, ${l.createdAt})`);
    await tx.execute(sql`
      INSERT INTO "OrderLine" (${LINE_COLUMNS}) VALUES ${joinSql(rows)}
      ON CONFLICT ("id") DO UPDATE SET "earnedPoints" = excluded."earnedPoints", "pointsBasis" = excluded."pointsBasis"`);
    return [];
  });
}

/**
 * Inserts the entries whose keys are new, pending (or posted at once when due by `postDueBy`); returns the
 * points inserted per member, pending and posted.
 */
async function writeEntries(tx: SqlExecutor, entries: PlannedEntry[], now: Date, postDueBy: Date | null): Promise<{ pending: Map<string, number>; posted: Map<string, number> }> {
  const inserted = await inChunks(entries, 300, (chunk) => {
    const rows = chunk.map(({ entry: e, availableAt }) => {
      const due = postDueBy !== null && availableAt !== null && availableAt <= postDueBy;
      return sql`(${randomUUID()}, ${e.shopId}, ${e.memberId}, ${e.type}, ${due ? 'posted' : 'pending'}, ${e.points}, ${e.description},
      ${e.sourceType}, ${e.sourceId}, ${e.orderId ?? null}, ${e.lineItemId ?? null}, ${e.locationId ?? null}, ${e.idempotencyKey}, ${availableAt}, ${due ? now : null}, ${now})`;
    });
    return tx.query<{ memberId: string; points: number; status: string }>(sql`
      INSERT INTO "LedgerEntry" ("id", "shopId", "memberId", "type", "status", "points", "description", "sourceType", "sourceId",
        "orderId", "lineItemId", "locationId", "idempotencyKey", "availableAt", "postedAt", "createdAt")
      VALUES ${joinSql(rows)}
      ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING
      RETURNING "memberId", "points", "status"`);
  });
  const added = { pending: new Map<string, number>(), posted: new Map<string, number>() };
  for (const row of inserted) {
    const perMember = row.status === 'posted' ? added.posted : added.pending;
    perMember.set(row.memberId, (perMember.get(row.memberId) ?? 0) + Number(row.points));
  }
  return added;
}

async function writeMembers(tx: SqlExecutor, members: MemberRow[], added: { pending: Map<string, number>; posted: Map<string, number> }, now: Date): Promise<void> {
  await inChunks(members, 500, async (chunk) => {
    const rows = chunk.map((m) => sql`(${m.id}, ${m.shopId}, ${m.shopifyCustomerId}, ${added.pending.get(m.id) ?? 0}, ${added.posted.get(m.id) ?? 0}, ${m.lifetimeSpendMinor}, ${m.lastVisitAt}, ${now}, ${now})`);
    await tx.execute(sql`
      INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "pendingPoints", "balance", "lifetimeSpendMinor", "lastVisitAt", "createdAt", "updatedAt")
      VALUES ${joinSql(rows)}
      ON CONFLICT ("id") DO UPDATE SET "pendingPoints" = "Member"."pendingPoints" + excluded."pendingPoints", "balance" = "Member"."balance" + excluded."balance",
        "lifetimeSpendMinor" = excluded."lifetimeSpendMinor", "lastVisitAt" = excluded."lastVisitAt", "updatedAt" = excluded."updatedAt"`);
    return [];
  });
}

/**
 * The stored properties of the lines of the batch's orders/updated deliveries that carry properties (one
 * query; booking apps and order edits change an order through orders/updated, and the hot orders/paid
 * path is spared the read).
 */
async function readStoredProperties(db: Db, items: OrderBatchItem[]): Promise<Map<string, string>> {
  const ids = [...new Set(items.filter((item) => item.trigger === 'updated').flatMap((item) => item.snapshot.lines.filter((line) => line.properties.length > 0).map((line) => `${item.shopId}\n${line.shopifyLineItemId}`)))];
  const stored = new Map<string, string>();
  if (ids.length === 0) return stored;
  const rows = await inChunks(ids, 500, (chunk) => sqlClientOf(db).query<{ shopifyLineItemId: string; rawProperties: string }>(sql`
    SELECT "shopifyLineItemId", "rawProperties" FROM "OrderLine"
    WHERE "shopId" IN ${sqlList([...new Set(chunk.map((id) => id.split('\n')[0]!))])} AND "shopifyLineItemId" IN ${sqlList(chunk.map((id) => id.split('\n')[1]!))}`));
  for (const row of rows) stored.set(row.shopifyLineItemId, row.rawProperties);
  return stored;
}

/** Every member of the batch is queued for their groups: the default group for new ones, rules and tiers (one INSERT per shop). */
async function refreshGroupsOfBatch(tx: SqlExecutor, members: MemberRow[], now: Date): Promise<void> {
  const byShop = new Map<string, string[]>();
  for (const member of members) byShop.set(member.shopId, [...(byShop.get(member.shopId) ?? []), member.id]);
  for (const [shopId, memberIds] of [...byShop].sort(([a], [b]) => byText(a, b))) {
    await enqueueMemberGroupRefresh(tx, shopId, memberIds, 'order', now);
  }
}

export async function applyOrderBatch(
  db: Db,
  items: OrderBatchItem[],
  now: Date,
  options: {
    inTransaction?: (tx: SqlExecutor, applied: string[]) => Promise<void>;
    /** false: the orders' spend is already in the members' lifetime spend (past orders after a customer import) */
    countSpend?: boolean;
    /** entries already due by then are posted at once, without a message (history, e.g. past orders) */
    postDueBy?: Date;
  } = {},
): Promise<OrderBatchResult> {
  const groups = new Map<string, OrderBatchItem[]>();
  for (const item of items) {
    const key = orderKey(item.shopId, item.snapshot.shopifyOrderId);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const individually: string[] = [];
  for (const [key, group] of groups) {
    if (!group.some(needsOneByOne)) continue;
    individually.push(...group.map((item) => item.key));
    groups.delete(key);
  }
  const contexts = new Map<string, EarningContext>();
  const candidates = [...groups.values()].flat();
  for (const shopId of new Set(candidates.map((item) => item.shopId))) {
    const productIds = [...new Set(candidates.filter((item) => item.shopId === shopId).flatMap((item) => item.snapshot.lines.map((line) => line.productId)).filter((id): id is string => id !== null))];
    contexts.set(shopId, await loadEarningContext(db.prisma, shopId, productIds));
  }
  // Deliveries that change known bookings (rescheduled, replaced, no-show tag) take the one-order path too.
  const storedProperties = await readStoredProperties(db, candidates);
  for (const [key, group] of groups) {
    if (!group.some((item) => mayChangeBookings(contexts.get(item.shopId)!, item.snapshot, storedProperties))) continue;
    individually.push(...group.map((item) => item.key));
    groups.delete(key);
  }
  const batched = [...groups.values()].flat();
  const applied = batched.map((item) => item.key);
  if (batched.length === 0) return { applied, individually, pendingPointsRecorded: 0, postedPointsRecorded: 0 };

  let pendingPointsRecorded = 0;
  let postedPointsRecorded = 0;
  await sqlClientOf(db).transaction(async (tx) => {
    const { orders, created } = await insertAndLockOrders(tx, db.kind, [...groups].map(([key, group]) => ({ key, shopId: group[0]!.shopId, snapshot: group[0]!.snapshot })), now);
    const lines = await readLines(tx, [...orders.values()].filter((order) => !created.has(orderKey(order.shopId, order.shopifyOrderId))).map((order) => order.id));
    const members = await lockMembers(tx, batched, orders.values(), now);
    // Group bonuses (multiplier, own spend-tier table) of every member of the batch: one statement.
    const benefits = await loadMemberEarningBenefits(tx, [...members.byId.keys()]);
    const folded = [...groups].map(([key, group]) =>
      foldOrder(group, orders.get(key)!, created.has(key), lines.get(orders.get(key)!.id) ?? [], contexts.get(group[0]!.shopId)!, members, benefits, now, options.countSpend ?? true));
    await writeOrders(tx, folded.map((f) => f.order));
    const changedLines = folded.flatMap((f) => f.lines.filter((line) => line.changed).map((line) => ({ ...line, shopId: f.order.shopId })));
    if (changedLines.length > 0) await writeLines(tx, changedLines);
    const entries = folded.flatMap((f) => f.entries);
    const added = entries.length > 0 ? await writeEntries(tx, entries, now, options.postDueBy ?? null) : { pending: new Map<string, number>(), posted: new Map<string, number>() };
    for (const points of added.pending.values()) pendingPointsRecorded += points;
    for (const points of added.posted.values()) postedPointsRecorded += points;
    const changedMembers = [...members.byId.values()].filter((member) => member.changed || added.pending.has(member.id) || added.posted.has(member.id));
    if (changedMembers.length > 0) await writeMembers(tx, changedMembers, added, now);
    await refreshGroupsOfBatch(tx, [...members.byId.values()], now);
    // Products credited on fulfilment whose earnings an earlier delivery recorded (rare: one statement each).
    for (const f of folded) {
      if (!f.releaseAt) continue;
      await tx.execute(sql`
        UPDATE "LedgerEntry" SET "availableAt" = ${f.releaseAt}
        WHERE "shopId" = ${f.order.shopId} AND "orderId" = ${f.order.shopifyOrderId} AND "status" = 'pending' AND "availableAt" IS NULL`);
    }
    await options.inTransaction?.(tx, applied);
  });
  return { applied, individually, pendingPointsRecorded, postedPointsRecorded };
}
