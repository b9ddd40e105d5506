// Shopify's REST order webhook payload (orders/create|paid|updated|cancelled) -> OrderSnapshot.
// Amounts are decimal strings; they become integer minor units here and nowhere else. Ids are 64-bit:
// the GID Shopify sends beside an id is preferred, and a bare id (product_id, variant_id, order_id,
// line_item_id) arrives as exact text because the body is read with parseShopifyJson.
import { z } from 'zod';
import { parseMoneyToMinor } from '../../core/money';
import type { OrderSnapshot, RefundSnapshot } from '../../core/orders/order-snapshot';
import { MalformedPayloadError } from './webhook-handler';
import { adminGraphqlApiId, gidOf, parsePayload, restId as id, toGid } from './parse-payload';

const amount = z.union([z.string(), z.number()]).transform(String);
const optionalAmount = amount.nullable().optional();

const propertySchema = z.object({ name: z.union([z.string(), z.number()]).transform(String), value: z.unknown() });

const lineItemSchema = z.object({
  id,
  admin_graphql_api_id: adminGraphqlApiId,
  product_id: id.nullable().optional(),
  variant_id: id.nullable().optional(),
  title: z.string().default(''),
  name: z.string().optional(),
  quantity: z.number().int().nonnegative(),
  current_quantity: z.number().int().nonnegative().nullable().optional(),
  price: amount,
  total_discount: optionalAmount,
  gift_card: z.boolean().default(false),
  properties: z.array(propertySchema).nullable().optional(),
  discount_allocations: z.array(z.object({ amount })).optional(),
  tax_lines: z.array(z.object({ price: amount })).optional(),
});

export const refundPayloadSchema = z.object({
  id,
  admin_graphql_api_id: adminGraphqlApiId,
  order_id: id,
  created_at: z.string(),
  refund_line_items: z
    .array(z.object({ line_item_id: id, quantity: z.number().int().nonnegative(), subtotal: optionalAmount }))
    .default([]),
});

const orderSchema = z.object({
  id,
  admin_graphql_api_id: adminGraphqlApiId,
  name: z.string().default(''),
  created_at: z.string(),
  updated_at: z.string(),
  processed_at: z.string().nullable().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO currency code'),
  financial_status: z.string().nullable().optional(),
  fulfillment_status: z.string().nullable().optional(),
  cancelled_at: z.string().nullable().optional(),
  taxes_included: z.boolean().optional(),
  location_id: id.nullable().optional(),
  tags: z.string().nullable().optional(),
  customer: z
    .object({
      id,
      admin_graphql_api_id: adminGraphqlApiId,
      email: z.string().nullable().optional(),
      phone: z.string().nullable().optional(),
      first_name: z.string().nullable().optional(),
      last_name: z.string().nullable().optional(),
      locale: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  line_items: z.array(lineItemSchema),
  refunds: z.array(refundPayloadSchema.omit({ order_id: true }).extend({ order_id: id.optional() })).optional(),
});

function date(topic: string, field: string, value: string): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new MalformedPayloadError(topic, `${field} is not a date: ${value}`);
  return parsed;
}

function minor(topic: string, field: string, value: string | null | undefined, currency: string): number {
  if (value === null || value === undefined || value === '') return 0;
  try {
    return parseMoneyToMinor(value, currency);
  } catch (error) {
    throw new MalformedPayloadError(topic, `${field}: ${(error as Error).message}`);
  }
}

function propertyValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function refundSnapshot(topic: string, refund: z.infer<typeof refundPayloadSchema> | Omit<z.infer<typeof refundPayloadSchema>, 'order_id'>, currency: string): RefundSnapshot {
  return {
    refundId: gidOf(topic, 'Refund', refund),
    createdAt: date(topic, 'refund.created_at', refund.created_at),
    lines: refund.refund_line_items.map((line) => ({
      shopifyLineItemId: toGid('LineItem', line.line_item_id),
      quantity: line.quantity,
      subtotalMinor: minor(topic, 'refund_line_items.subtotal', line.subtotal, currency),
    })),
  };
}

export function parseOrderPayload(topic: string, payload: unknown): OrderSnapshot {
  const order = parsePayload(topic, orderSchema, payload);
  const currency = order.currency;
  return {
    shopifyOrderId: gidOf(topic, 'Order', order),
    name: order.name,
    currency,
    processedAt: date(topic, 'processed_at', order.processed_at ?? order.created_at),
    updatedAt: date(topic, 'updated_at', order.updated_at),
    cancelledAt: order.cancelled_at ? date(topic, 'cancelled_at', order.cancelled_at) : null,
    financialStatus: order.financial_status ?? '',
    fulfillmentStatus: order.fulfillment_status ?? '',
    locationId: order.location_id === null || order.location_id === undefined ? null : toGid('Location', order.location_id),
    customer: order.customer
      ? {
          shopifyCustomerId: gidOf(topic, 'Customer', order.customer),
          email: order.customer.email ?? undefined,
          phone: order.customer.phone ?? undefined,
          firstName: order.customer.first_name ?? undefined,
          lastName: order.customer.last_name ?? undefined,
          locale: order.customer.locale ?? undefined,
        }
      : null,
    lines: order.line_items.map((line) => {
      const gross = minor(topic, 'line_items.price', line.price, currency) * line.quantity;
      // discount_allocations include order-level discounts spread over lines; total_discount is the older field.
      const discount = line.discount_allocations
        ? line.discount_allocations.reduce((sum, allocation) => sum + minor(topic, 'discount_allocations.amount', allocation.amount, currency), 0)
        : minor(topic, 'line_items.total_discount', line.total_discount, currency);
      const includedTax = order.taxes_included ? (line.tax_lines ?? []).reduce((sum, tax) => sum + minor(topic, 'tax_lines.price', tax.price, currency), 0) : 0;
      return {
        shopifyLineItemId: gidOf(topic, 'LineItem', line),
        productId: line.product_id === null || line.product_id === undefined ? null : toGid('Product', line.product_id),
        variantId: line.variant_id === null || line.variant_id === undefined ? null : toGid('ProductVariant', line.variant_id),
        title: line.title || line.name || '',
        quantity: line.quantity,
        eligibleMinor: line.gift_card ? 0 : Math.max(0, gross - discount - includedTax),
        isGiftCard: line.gift_card,
        properties: (line.properties ?? []).map((property) => ({ name: property.name, value: propertyValue(property.value) })),
        ...(line.current_quantity === null || line.current_quantity === undefined ? {} : { currentQuantity: line.current_quantity }),
      };
    }),
    refunds: (order.refunds ?? []).map((refund) => refundSnapshot(topic, refund, currency)),
    ...(order.tags ? { tags: order.tags.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '') } : {}),
  };
}
