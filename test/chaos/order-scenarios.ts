// The orders the chaos run sends, each with the webhook deliveries Shopify would make for it (duplicates,
// pairs out of order, refunds, cancellations) and, computed here from what is sent and nothing the app
// says, the points the order must end up with.
import { DateTime } from 'luxon';
import { placeOrder } from '../simulator/place-order';
import { allocateId, type ShopState, type SimOrder } from '../simulator/shop-state';
import { orderWebhookPayload } from '../simulator';
import type { SeededRandom } from '../simulator/seeded-random';
import { CHAOS_PRODUCTS } from './chaos-shop';

export type ScenarioKind = 'paid' | 'updated_before_paid' | 'refund' | 'refund_before_paid' | 'cancel' | 'cancel_before_paid';

export interface Delivery {
  topic: string;
  body: string;
  webhookId: string;
  /** sent at the same moment as the delivery before it (to the other web process, as likely as not) */
  together?: boolean;
}

export interface OrderScenario {
  orderGid: string;
  customerId: number;
  kind: ScenarioKind;
  /** sent in this order; a repeated webhook id is a redelivery */
  deliveries: Delivery[];
  expectedPoints: number;
}

/** Points of one line: 1 per whole euro of the price without its included tax, rounded down. */
export function linePoints(unitPriceMinor: number, quantity: number): number {
  const gross = unitPriceMinor * quantity;
  const tax = Math.round((gross * 21) / 121);
  return Math.floor((gross - tax) / 100);
}

const KINDS: Array<[ScenarioKind, number]> = [
  ['paid', 35],
  ['updated_before_paid', 15],
  ['refund', 15],
  ['refund_before_paid', 10],
  ['cancel', 15],
  ['cancel_before_paid', 10],
];

function pickKind(random: SeededRandom): ScenarioKind {
  let roll = random.int(1, KINDS.reduce((sum, [, weight]) => sum + weight, 0));
  for (const [kind, weight] of KINDS) {
    roll -= weight;
    if (roll <= 0) return kind;
  }
  return 'paid';
}

/** the last customers of the chaos shop are not announced to the app before their first order */
export const WALK_IN_CUSTOMERS = 5;

let deliveryCounter = 0;
const webhookId = (runId: string) => `chaos-${runId}-${(deliveryCounter += 1)}`;

export function buildOrderScenario(shop: ShopState, random: SeededRandom, runId: string): OrderScenario {
  const kind = pickKind(random);
  // A few customers the app has never seen (no customers/create): their first orders create the member.
  const customer = random.chance(0.15) ? random.pick(shop.customers.slice(-WALK_IN_CUSTOMERS)) : random.pick(shop.customers.slice(0, -WALK_IN_CUSTOMERS));
  const now = new Date();
  const first = random.pick(CHAOS_PRODUCTS);
  const product = shop.products.find((p) => p.title === first.title)!;
  // A service booked 8 hours ago: its credit (appointment end + 3 h) is due at once.
  const order: SimOrder = placeOrder(shop, {
    customerId: customer.id,
    productId: product.id,
    ...(first.service ? { appointmentStart: new Date(now.getTime() - 8 * 3600_000), durationMinutes: 60 } : {}),
    now,
  });
  order.lineItems[0]!.quantity = random.int(1, 3);
  if (random.chance(0.5)) {
    const secondTitle = random.pick(CHAOS_PRODUCTS.filter((spec) => !spec.service)).title;
    const second = shop.products.find((p) => p.title === secondTitle)!;
    order.lineItems.push({
      id: allocateId(shop), productId: second.id, variantId: second.variants[0]!.id, title: second.title, variantTitle: null,
      sku: null, quantity: random.int(1, 3), price: second.variants[0]!.price, totalDiscount: 0, giftCard: false, properties: [],
    });
  }
  // Refunds take one unit back, from a line with more than one.
  if (kind === 'refund' || kind === 'refund_before_paid') {
    const line = order.lineItems[0]!;
    line.quantity = Math.max(line.quantity, 2);
  }
  const fullPoints = order.lineItems.reduce((sum, line) => sum + linePoints(line.price, line.quantity), 0);

  const stamp = (minutes: number) => DateTime.fromJSDate(now).plus({ minutes }).toUTC().toISO()!;
  const payload = (changes: Partial<SimOrder>) => JSON.stringify(orderWebhookPayload({ ...order, ...changes }, shop));
  const paid: Delivery = { topic: 'orders/paid', body: payload({}), webhookId: webhookId(runId) };
  const deliveries: Delivery[] = [];
  let expectedPoints = fullPoints;

  switch (kind) {
    case 'paid':
      deliveries.push(paid);
      // A redelivery, sometimes racing the first; orders/create racing orders/paid for a new customer.
      if (random.chance(0.4)) deliveries.push({ ...paid, together: random.chance(0.5) });
      if (random.chance(0.3)) deliveries.push({ topic: 'orders/create', body: paid.body, webhookId: webhookId(runId), together: random.chance(0.5) });
      break;
    case 'updated_before_paid':
      deliveries.push({ topic: 'orders/updated', body: payload({ updatedAt: stamp(1), note: 'updated' }), webhookId: webhookId(runId) }, paid);
      break;
    case 'refund':
    case 'refund_before_paid': {
      const line = order.lineItems[0]!;
      const refundId = allocateId(shop);
      const refundLine = { id: allocateId(shop), lineItemId: line.id, quantity: 1, subtotal: line.price };
      const refund = {
        id: refundId,
        admin_graphql_api_id: `gid://shopify/Refund/${refundId}`,
        order_id: order.id,
        created_at: stamp(2),
        refund_line_items: [{ id: refundLine.id, line_item_id: line.id, quantity: 1, subtotal: (line.price / 100).toFixed(2) }],
      };
      const refundDelivery: Delivery = { topic: 'refunds/create', body: JSON.stringify(refund), webhookId: webhookId(runId) };
      deliveries.push(...(kind === 'refund' ? [paid, refundDelivery] : [refundDelivery, paid]));
      // Shopify also sends orders/updated carrying the same refund: it must not take the points twice.
      if (random.chance(0.5)) {
        deliveries.push({
          topic: 'orders/updated',
          body: payload({ updatedAt: stamp(3), financialStatus: 'partially_refunded', refunds: [{ id: refundId, createdAt: stamp(2), lineItems: [refundLine] }] }),
          webhookId: webhookId(runId),
        });
      }
      if (random.chance(0.3)) deliveries.push({ ...refundDelivery });
      expectedPoints = fullPoints - (linePoints(line.price, line.quantity) - linePoints(line.price, line.quantity - 1));
      break;
    }
    case 'cancel':
    case 'cancel_before_paid': {
      const cancelled: Delivery = {
        topic: 'orders/cancelled',
        body: payload({ updatedAt: stamp(5), cancelledAt: stamp(5), cancelReason: 'customer', financialStatus: 'refunded' }),
        webhookId: webhookId(runId),
      };
      deliveries.push(...(kind === 'cancel' ? [paid, cancelled] : [cancelled, paid]));
      if (random.chance(0.3)) deliveries.push({ ...cancelled });
      expectedPoints = 0;
      break;
    }
  }
  return { orderGid: `gid://shopify/Order/${order.id}`, customerId: customer.id, kind, deliveries, expectedPoints };
}
