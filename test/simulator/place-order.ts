// A customer books one product (a service at a given time) and pays: the order a booking app would create.
import { DateTime } from 'luxon';
import { allocateId, type ShopState, type SimOrder } from './shop-state';

export interface PlaceOrderInput {
  customerId: number;
  productId: number;
  /** the appointment start, for services; written as a "Booking date" property in shop time */
  appointmentStart?: Date;
  durationMinutes?: number;
  now?: Date;
}

export function placeOrder(shop: ShopState, input: PlaceOrderInput): SimOrder {
  const product = shop.products.find((p) => p.id === input.productId);
  if (!product) throw new Error(`simulator shop ${shop.domain} has no product ${input.productId}`);
  const customer = shop.customers.find((c) => c.id === input.customerId);
  if (!customer) throw new Error(`simulator shop ${shop.domain} has no customer ${input.customerId}`);
  const variant = product.variants[0]!;
  const created = (input.now ? DateTime.fromJSDate(input.now) : DateTime.now()).toUTC().toISO()!;
  const start = input.appointmentStart ? DateTime.fromJSDate(input.appointmentStart).setZone(shop.ianaTimezone) : null;
  const properties = start
    ? [
        { name: 'Booking date', value: start.toFormat('yyyy-MM-dd HH:mm') },
        { name: 'Duration', value: `${input.durationMinutes ?? 60} min` },
      ]
    : [];
  const order: SimOrder = {
    id: allocateId(shop),
    number: 1001 + shop.orders.length,
    createdAt: created,
    updatedAt: created,
    processedAt: created,
    currency: shop.currencyCode,
    financialStatus: 'paid',
    fulfillmentStatus: null,
    cancelledAt: null,
    cancelReason: null,
    customerId: customer.id,
    email: customer.email,
    note: null,
    lineItems: [
      {
        id: allocateId(shop),
        productId: product.id,
        variantId: variant.id,
        title: product.title,
        variantTitle: null,
        sku: variant.sku,
        quantity: 1,
        price: variant.price,
        totalDiscount: 0,
        giftCard: product.isGiftCard,
        properties,
      },
    ],
    totalTax: 0,
    shipping: 0,
    tip: 0,
    locationId: null,
    test: true,
    refunds: [],
    metafields: [],
  };
  shop.orders.push(order);
  return order;
}
