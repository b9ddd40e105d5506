import { buildConnection, type ConnectionArgs } from './connection';
import { toGid } from './gid';
import { formatGraphqlDecimal } from './money';
import { matchesSearch } from './search-query';
import type {
  ShopState,
  SimCustomer,
  SimGiftCard,
  SimLineItem,
  SimMetafield,
  SimOrder,
  SimProduct,
  SimStoreCreditAccount,
  SimStoreCreditTransaction,
  SimVariant,
} from './shop-state';

// GraphQL-shaped views over the plain state. graphql-js's default resolver reads properties and calls
// functions with (args), so a view is an object whose connection fields are functions. Every view
// carries `__typename`, which the simulator's type resolver uses for interfaces and unions.

type Args = Record<string, unknown>;

export function money(minor: number, currencyCode: string) {
  return { __typename: 'MoneyV2', amount: formatGraphqlDecimal(minor, currencyCode), currencyCode };
}

export function moneyBag(minor: number, currencyCode: string) {
  return { __typename: 'MoneyBag', shopMoney: money(minor, currencyCode), presentmentMoney: money(minor, currencyCode) };
}

export function metafieldView(owner: { __typename: string; id: string }, metafield: SimMetafield) {
  return {
    __typename: 'Metafield',
    id: toGid('Metafield', metafield.id),
    namespace: metafield.namespace,
    key: metafield.key,
    value: metafield.value,
    type: metafield.type,
    jsonValue: safeJson(metafield.value),
    ownerType: owner.__typename.toUpperCase(),
    createdAt: metafield.createdAt,
    updatedAt: metafield.updatedAt,
    compareDigest: Buffer.from(`${metafield.id}:${metafield.updatedAt}`).toString('base64'),
    owner: () => owner,
  };
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** `metafield(namespace, key)` and `metafields(...)` for any owner. */
function metafieldFields(owner: { __typename: string; id: string }, metafields: SimMetafield[]) {
  return {
    metafield: (args: Args) => {
      const found = metafields.find((m) => m.key === args.key && (args.namespace == null || m.namespace === args.namespace));
      return found ? metafieldView(owner, found) : null;
    },
    metafields: (args: Args) =>
      buildConnection(
        metafields.filter(
          (m) =>
            (args.namespace == null || m.namespace === args.namespace) &&
            (!Array.isArray(args.keys) || args.keys.includes(`${m.namespace}.${m.key}`)),
        ),
        args as ConnectionArgs,
        (m) => m.id,
        (m) => metafieldView(owner, m),
      ),
  };
}

export function variantView(shop: ShopState, variant: SimVariant) {
  const product = shop.products.find((p) => p.id === variant.productId);
  return {
    __typename: 'ProductVariant',
    id: toGid('ProductVariant', variant.id),
    title: variant.title,
    displayName: `${product?.title ?? ''} - ${variant.title}`,
    price: formatGraphqlDecimal(variant.price, shop.currencyCode),
    compareAtPrice: null,
    sku: variant.sku,
    product: () => (product ? productView(shop, product) : null),
  };
}

export function productView(shop: ShopState, product: SimProduct) {
  const id = toGid('Product', product.id);
  return {
    __typename: 'Product',
    id,
    title: product.title,
    handle: product.handle,
    productType: product.productType,
    vendor: product.vendor,
    tags: product.tags,
    isGiftCard: product.isGiftCard,
    status: product.status,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    descriptionHtml: '',
    totalInventory: 0,
    variants: (args: Args) =>
      buildConnection(product.variants, args as ConnectionArgs, (v) => v.id, (v) => variantView(shop, v)),
    ...metafieldFields({ __typename: 'Product', id }, product.metafields),
  };
}

export function productSearchFields(product: SimProduct) {
  return {
    text: `${product.title} ${product.productType} ${product.tags.join(' ')}`,
    fields: {
      id: product.id,
      title: product.title,
      product_type: product.productType,
      tag: product.tags,
      vendor: product.vendor,
      status: product.status.toLowerCase(),
      gift_card: product.isGiftCard,
      created_at: product.createdAt,
      updated_at: product.updatedAt,
    },
  };
}

/** Orders that count towards amountSpent / numberOfOrders. */
function countedOrders(shop: ShopState, customerId: number): SimOrder[] {
  return shop.orders.filter((o) => o.customerId === customerId && o.cancelledAt === null);
}

export function customerView(shop: ShopState, customer: SimCustomer) {
  const id = toGid('Customer', customer.id);
  // Computed on first use: a bulk export of many orders reads each order's customer.
  let counted: SimOrder[] | undefined;
  const orders = () => (counted ??= countedOrders(shop, customer.id));
  const displayName =
    [customer.firstName, customer.lastName].filter(Boolean).join(' ') || customer.email || customer.phone || '';
  return {
    __typename: 'Customer',
    id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName,
    email: customer.email,
    phone: customer.phone,
    locale: customer.locale,
    note: customer.note,
    tags: customer.tags,
    state: 'DISABLED',
    verifiedEmail: customer.email !== null,
    canDelete: () => orders().length === 0,
    dataSaleOptOut: false,
    taxExempt: false,
    taxExemptions: [],
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
    defaultEmailAddress: customer.email
      ? { __typename: 'CustomerEmailAddress', emailAddress: customer.email, marketingState: customer.emailMarketingState }
      : null,
    defaultPhoneNumber: customer.phone ? { __typename: 'CustomerPhoneNumber', phoneNumber: customer.phone } : null,
    defaultAddress: null,
    addressesV2: (args: Args) => buildConnection([], args as ConnectionArgs, () => 0, () => null),
    emailMarketingConsent: customer.email
      ? {
          __typename: 'CustomerEmailMarketingConsentState',
          marketingState: customer.emailMarketingState,
          marketingOptInLevel: customer.emailMarketingState === 'SUBSCRIBED' ? 'SINGLE_OPT_IN' : null,
          consentUpdatedAt: customer.createdAt,
          sourceLocation: null,
        }
      : null,
    smsMarketingConsent: null,
    amountSpent: () => money(
      orders().reduce((sum, order) => sum + orderCurrentSubtotal(order), 0),
      shop.currencyCode,
    ),
    numberOfOrders: () => String(orders().length),
    lastOrder: () => {
      const last = orders().reduce<SimOrder | null>((latest, order) => (!latest || order.processedAt > latest.processedAt ? order : latest), null);
      return last ? orderView(shop, last) : null;
    },
    storeCreditAccounts: (args: Args) =>
      buildConnection(
        shop.storeCreditAccounts.filter(
          (account) =>
            account.customerId === customer.id &&
            matchesSearch(args.query as string | undefined, {
              text: '',
              fields: { currency_code: account.currency, id: account.id },
            }),
        ),
        args as ConnectionArgs,
        (account) => account.id,
        (account) => storeCreditAccountView(shop, account),
      ),
    orders: (args: Args) =>
      buildConnection(
        shop.orders.filter((o) => o.customerId === customer.id),
        args as ConnectionArgs,
        (o) => o.id,
        (o) => orderView(shop, o),
      ),
    ...metafieldFields({ __typename: 'Customer', id }, customer.metafields),
  };
}

export function customerSearchFields(customer: SimCustomer) {
  return {
    text: `${customer.firstName ?? ''} ${customer.lastName ?? ''} ${customer.email ?? ''} ${customer.phone ?? ''}`,
    fields: {
      id: customer.id,
      email: customer.email,
      phone: customer.phone,
      first_name: customer.firstName,
      last_name: customer.lastName,
      tag: customer.tags,
      locale: customer.locale,
      created_at: customer.createdAt,
      updated_at: customer.updatedAt,
    },
  };
}

export function lineSubtotal(line: SimLineItem): number {
  return line.price * line.quantity - line.totalDiscount;
}

export function orderSubtotal(order: SimOrder): number {
  return order.lineItems.reduce((sum, line) => sum + lineSubtotal(line), 0);
}

/** Subtotal after refunds and cancellation, like `current_subtotal_price`. */
export function orderCurrentSubtotal(order: SimOrder): number {
  if (order.cancelledAt !== null) return 0;
  const refunded = order.refunds.reduce(
    (sum, refund) => sum + refund.lineItems.reduce((inner, line) => inner + line.subtotal, 0),
    0,
  );
  return orderSubtotal(order) - refunded;
}

const DISPLAY_FINANCIAL_STATUS: Record<SimOrder['financialStatus'], string> = {
  pending: 'PENDING',
  authorized: 'AUTHORIZED',
  paid: 'PAID',
  partially_refunded: 'PARTIALLY_REFUNDED',
  refunded: 'REFUNDED',
  voided: 'VOIDED',
};

function lineItemView(shop: ShopState, order: SimOrder, line: SimLineItem) {
  const product = shop.products.find((p) => p.id === line.productId);
  const variant = product?.variants.find((v) => v.id === line.variantId);
  const refundedQuantity = order.refunds.reduce(
    (sum, refund) => sum + refund.lineItems.filter((r) => r.lineItemId === line.id).reduce((s, r) => s + r.quantity, 0),
    0,
  );
  return {
    __typename: 'LineItem',
    id: toGid('LineItem', line.id),
    title: line.title,
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    variantTitle: line.variantTitle,
    sku: line.sku,
    quantity: line.quantity,
    currentQuantity: order.cancelledAt ? 0 : line.quantity - refundedQuantity,
    isGiftCard: line.giftCard,
    customAttributes: line.properties.map((p) => ({ __typename: 'Attribute', key: p.name, value: p.value })),
    originalUnitPriceSet: moneyBag(line.price, order.currency),
    discountedUnitPriceSet: moneyBag(Math.round(lineSubtotal(line) / line.quantity), order.currency),
    originalTotalSet: moneyBag(line.price * line.quantity, order.currency),
    discountedTotalSet: moneyBag(lineSubtotal(line), order.currency),
    product: () => (product ? productView(shop, product) : null),
    variant: () => (variant ? variantView(shop, variant) : null),
  };
}

export function orderView(shop: ShopState, order: SimOrder) {
  const id = toGid('Order', order.id);
  const customer = shop.customers.find((c) => c.id === order.customerId);
  const subtotal = orderSubtotal(order);
  const refunded = subtotal - orderCurrentSubtotal(order);
  const total = subtotal + order.shipping + order.tip;
  return {
    __typename: 'Order',
    id,
    legacyResourceId: String(order.id),
    name: `#${order.number}`,
    email: order.email,
    note: order.note,
    test: order.test,
    closed: false,
    sourceName: 'web',
    currencyCode: order.currency,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    processedAt: order.processedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason ? order.cancelReason.toUpperCase() : null,
    displayFinancialStatus: DISPLAY_FINANCIAL_STATUS[order.financialStatus],
    displayFulfillmentStatus: order.fulfillmentStatus === 'fulfilled' ? 'FULFILLED' : 'UNFULFILLED',
    customAttributes: [],
    subtotalPriceSet: moneyBag(subtotal, order.currency),
    currentSubtotalPriceSet: moneyBag(orderCurrentSubtotal(order), order.currency),
    totalPriceSet: moneyBag(total, order.currency),
    currentTotalPriceSet: moneyBag(order.cancelledAt ? 0 : total - refunded, order.currency),
    totalRefundedSet: moneyBag(refunded, order.currency),
    totalTaxSet: moneyBag(order.totalTax, order.currency),
    totalDiscountsSet: moneyBag(
      order.lineItems.reduce((sum, line) => sum + line.totalDiscount, 0),
      order.currency,
    ),
    refunds: () => [],
    customer: () => (customer ? customerView(shop, customer) : null),
    lineItems: (args: Args) =>
      buildConnection(order.lineItems, args as ConnectionArgs, (l) => l.id, (l) => lineItemView(shop, order, l)),
    ...metafieldFields({ __typename: 'Order', id }, order.metafields),
  };
}

export function orderSearchFields(order: SimOrder) {
  return {
    text: `#${order.number} ${order.email ?? ''}`,
    fields: {
      id: order.id,
      name: `#${order.number}`,
      customer_id: order.customerId,
      email: order.email,
      created_at: order.createdAt,
      updated_at: order.updatedAt,
      processed_at: order.processedAt,
      financial_status: order.financialStatus,
      status: order.cancelledAt ? 'cancelled' : 'open',
      test: order.test,
    },
  };
}

export function maskedCode(code: string): string {
  return `•••• •••• •••• ${code.slice(-4)}`;
}

export function giftCardView(shop: ShopState, card: SimGiftCard) {
  const customer = shop.customers.find((c) => c.id === card.customerId);
  return {
    __typename: 'GiftCard',
    id: toGid('GiftCard', card.id),
    // The full code is deliberately absent: only giftCardCreate's `giftCardCode` reveals it.
    lastCharacters: card.code.slice(-4),
    maskedCode: maskedCode(card.code),
    enabled: card.deactivatedAt === null,
    isRedeemable: card.deactivatedAt === null && card.balance > 0,
    deactivatedAt: card.deactivatedAt,
    expiresOn: card.expiresOn,
    note: card.note,
    templateSuffix: card.templateSuffix,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
    crossCurrencyRedemptionStrategy: 'DISABLED',
    initialValue: money(card.initialValue, card.currency),
    balance: money(card.balance, card.currency),
    customer: () => (customer ? customerView(shop, customer) : null),
    recipientAttributes: null,
    order: null,
    lineItem: null,
    transactions: (args: Args) => buildConnection([], args as ConnectionArgs, () => 0, () => null),
  };
}

export function giftCardSearchFields(card: SimGiftCard) {
  const status = card.balance === 0 ? 'empty' : card.balance === card.initialValue ? 'full' : 'partial';
  return {
    text: `${card.code.slice(-4)} ${card.note ?? ''}`,
    fields: {
      id: card.id,
      note: card.note,
      customer_id: card.customerId,
      status: card.deactivatedAt === null ? 'enabled' : 'disabled',
      balance_status: status === 'empty' ? ['empty'] : [status, 'full_or_partial'],
      created_at: card.createdAt,
      updated_at: card.updatedAt,
      expires_on: card.expiresOn,
      initial_value: card.initialValue,
    },
  };
}

export function storeCreditAccountView(shop: ShopState, account: SimStoreCreditAccount): Record<string, unknown> {
  const customer = shop.customers.find((c) => c.id === account.customerId);
  return {
    __typename: 'StoreCreditAccount',
    id: toGid('StoreCreditAccount', account.id),
    balance: money(account.balance, account.currency),
    owner: () => (customer ? customerView(shop, customer) : null),
    transactions: (args: Args) =>
      buildConnection(
        // Oldest first, so `reverse: true` gives newest first as with Shopify's CREATED_AT sort key.
        account.transactions.filter((t) =>
          matchesSearch(args.query as string | undefined, {
            text: '',
            fields: { type: t.kind, id: t.id, expires_at: t.expiresAt },
          }),
        ),
        args as ConnectionArgs,
        (t) => t.id,
        (t) => storeCreditTransactionView(shop, account, t),
      ),
  };
}

export function storeCreditTransactionView(
  shop: ShopState,
  account: SimStoreCreditAccount,
  transaction: SimStoreCreditTransaction,
) {
  return {
    __typename: transaction.kind === 'credit' ? 'StoreCreditAccountCreditTransaction' : 'StoreCreditAccountDebitTransaction',
    id: toGid(
      transaction.kind === 'credit' ? 'StoreCreditAccountCreditTransaction' : 'StoreCreditAccountDebitTransaction',
      transaction.id,
    ),
    amount: money(transaction.amount, account.currency),
    balanceAfterTransaction: money(transaction.balanceAfter, account.currency),
    remainingAmount: money(transaction.kind === 'credit' ? transaction.amount : 0, account.currency),
    createdAt: transaction.createdAt,
    expiresAt: transaction.expiresAt,
    event: 'ADJUSTMENT',
    origin: null,
    account: () => storeCreditAccountView(shop, account),
  };
}
