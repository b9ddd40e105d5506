import { toGid } from './gid';
import { orderCurrentSubtotal, orderSubtotal } from './graphql-views';
import { formatRestDecimal } from './money';
import type { ShopState, SimCustomer, SimOrder } from './shop-state';

// REST-shaped webhook bodies (orders/paid, customers/create, …) built from simulator state, so the app
// can be fed the same orders the GraphQL `orders` field serves.

function priceSet(minor: number, currency: string) {
  const amount = formatRestDecimal(minor, currency);
  return {
    shop_money: { amount, currency_code: currency },
    presentment_money: { amount, currency_code: currency },
  };
}

export function customerWebhookPayload(customer: SimCustomer) {
  return {
    id: customer.id,
    admin_graphql_api_id: toGid('Customer', customer.id),
    email: customer.email,
    first_name: customer.firstName,
    last_name: customer.lastName,
    phone: customer.phone,
    locale: customer.locale,
    state: 'disabled',
    note: customer.note,
    verified_email: customer.email !== null,
    tags: customer.tags.join(', '),
    tax_exempt: false,
    currency: 'EUR',
    created_at: customer.createdAt,
    updated_at: customer.updatedAt,
    email_marketing_consent: customer.email
      ? {
          state: customer.emailMarketingState.toLowerCase(),
          opt_in_level: customer.emailMarketingState === 'SUBSCRIBED' ? 'single_opt_in' : null,
          consent_updated_at: customer.createdAt,
        }
      : null,
    sms_marketing_consent: null,
    default_address: null,
    addresses: [],
  };
}

export function orderWebhookPayload(order: SimOrder, shop?: ShopState) {
  const currency = order.currency;
  const customer = shop?.customers.find((c) => c.id === order.customerId);
  const totalDiscounts = order.lineItems.reduce((sum, line) => sum + line.totalDiscount, 0);
  const subtotal = orderSubtotal(order);
  const total = subtotal + order.shipping + order.tip;
  return {
    id: order.id,
    admin_graphql_api_id: toGid('Order', order.id),
    name: `#${order.number}`,
    order_number: order.number,
    email: order.email,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    cancelled_at: order.cancelledAt,
    cancel_reason: order.cancelReason,
    currency,
    presentment_currency: currency,
    financial_status: order.financialStatus,
    fulfillment_status: order.fulfillmentStatus,
    test: order.test,
    note: order.note,
    note_attributes: [],
    source_name: 'web',
    location_id: order.locationId,
    subtotal_price: formatRestDecimal(subtotal, currency),
    current_subtotal_price: formatRestDecimal(orderCurrentSubtotal(order), currency),
    total_price: formatRestDecimal(total, currency),
    total_tax: formatRestDecimal(order.totalTax, currency),
    taxes_included: true,
    total_discounts: formatRestDecimal(totalDiscounts, currency),
    total_shipping_price_set: priceSet(order.shipping, currency),
    total_tip_received: formatRestDecimal(order.tip, currency),
    customer:
      order.customerId === null
        ? null
        : {
            id: order.customerId,
            admin_graphql_api_id: toGid('Customer', order.customerId),
            email: customer?.email ?? order.email,
            first_name: customer?.firstName ?? null,
            last_name: customer?.lastName ?? null,
            phone: customer?.phone ?? null,
          },
    line_items: order.lineItems.map((line) => ({
      id: line.id,
      admin_graphql_api_id: toGid('LineItem', line.id),
      product_id: line.productId,
      variant_id: line.variantId,
      title: line.title,
      variant_title: line.variantTitle,
      name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
      sku: line.sku,
      quantity: line.quantity,
      price: formatRestDecimal(line.price, currency),
      price_set: priceSet(line.price, currency),
      total_discount: formatRestDecimal(line.totalDiscount, currency),
      total_discount_set: priceSet(line.totalDiscount, currency),
      gift_card: line.giftCard,
      requires_shipping: !line.giftCard && line.properties.length === 0,
      taxable: true,
      properties: line.properties,
      tax_lines: [
        {
          title: 'BTW',
          rate: 0.21,
          price: formatRestDecimal(Math.round(((line.price * line.quantity - line.totalDiscount) * 21) / 121), currency),
        },
      ],
      discount_allocations:
        line.totalDiscount > 0
          ? [{ amount: formatRestDecimal(line.totalDiscount, currency), amount_set: priceSet(line.totalDiscount, currency), discount_application_index: 0 }]
          : [],
    })),
    refunds: order.refunds.map((refund) => ({
      id: refund.id,
      admin_graphql_api_id: toGid('Refund', refund.id),
      order_id: order.id,
      created_at: refund.createdAt,
      refund_line_items: refund.lineItems.map((line) => ({
        id: line.id,
        line_item_id: line.lineItemId,
        quantity: line.quantity,
        subtotal: formatRestDecimal(line.subtotal, currency),
      })),
    })),
  };
}
