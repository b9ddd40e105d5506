import { randomBytes } from 'node:crypto';
import { parseGid, toGid } from './gid';
import { giftCardView, metafieldView, storeCreditTransactionView } from './graphql-views';
import { formatMoneyForMessage, parseDecimalToMinor } from './money';
import { createCustomerTagMutations } from './customer-tags';
import { createSegmentAndDiscountMutations } from './segments-and-discounts';
import { allocateId, type ShopState, type SimMetafield, type SimStoreCreditAccount } from './shop-state';

// Root mutation fields. Validation order and user-error field/code/message follow the responses
// recorded from a real store (shopify-contract/admin-responses); where no recording exists the
// message is our best guess and marked so.

type Args = Record<string, unknown>;
type UserError = { field: string[] | null; message: string; code?: string };

/** Shopify prints timestamps without milliseconds. */
export function shopifyTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Above this balance Shopify refuses credits (recorded: 100,000 USD exceeds it); the exact limit is
// not documented, so the simulator picks one well below the recorded failure.
const STORE_CREDIT_LIMIT_MAJOR = 10_000;

interface MoneyInput {
  amount: string;
  currencyCode: string;
}

function asRecord(value: unknown): Args {
  return value && typeof value === 'object' ? (value as Args) : {};
}

function generateGiftCardCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

export function createMutationRoot(shop: ShopState, now: () => Date): Record<string, (args: Args) => unknown> {
  const giftCardCreate = (args: Args) => {
    const input = asRecord(args.input);
    const usesAmount = input.initialAmount != null;
    const amountField = usesAmount ? ['input', 'initialAmount', 'amount'] : ['input', 'initialValue'];
    const fail = (error: UserError) => ({ giftCard: null, giftCardCode: null, userErrors: [error] });
    const amountInput = usesAmount ? (input.initialAmount as MoneyInput) : null;
    const currency = amountInput?.currencyCode ?? shop.currencyCode;
    const rawAmount = amountInput ? amountInput.amount : (input.initialValue as string | undefined);
    if (rawAmount == null) {
      // Guess: no recording of a create without any amount.
      return fail({ field: ['input', 'initialAmount'], code: 'MISSING_ARGUMENT', message: 'Initial amount is required' });
    }
    if (currency !== shop.currencyCode) {
      // Guess: the shop issues cards in its own currency only.
      return fail({ field: ['input', 'initialAmount', 'currencyCode'], code: 'INVALID', message: 'currency must match the shop currency' });
    }
    const amount = parseDecimalToMinor(rawAmount, currency);
    if (amount === null || amount <= 0) {
      return fail({ field: amountField, code: 'GREATER_THAN', message: 'must be greater than 0' });
    }
    if (amount > shop.giftCardIssueLimit) {
      return fail({
        field: amountField,
        code: 'GIFT_CARD_LIMIT_EXCEEDED',
        message: `can't exceed ${formatMoneyForMessage(shop.giftCardIssueLimit, shop.currencyCode)}`,
      });
    }
    const code = typeof input.code === 'string' ? input.code.replace(/[\s-]/g, '').toLowerCase() : generateGiftCardCode();
    if (code.length < 8) return fail({ field: ['input', 'code'], code: 'TOO_SHORT', message: 'is too short (minimum is 8 characters)' });
    if (code.length > 20) return fail({ field: ['input', 'code'], code: 'TOO_LONG', message: 'is too long (maximum is 20 characters)' });
    if (!/^[a-z0-9]+$/.test(code)) return fail({ field: ['input', 'code'], code: 'INVALID', message: 'is invalid' });
    if (shop.giftCards.some((card) => card.code === code)) {
      return fail({ field: ['input', 'code'], code: 'TAKEN', message: 'has already been taken' });
    }
    let customerId: number | null = null;
    if (typeof input.customerId === 'string') {
      const parsed = parseGid(input.customerId, 'Customer');
      const customer = parsed ? shop.customers.find((c) => c.id === parsed.id) : undefined;
      if (!customer) {
        return fail({ field: ['input', 'customerId'], code: 'CUSTOMER_NOT_FOUND', message: 'Customer could not be found.' });
      }
      customerId = customer.id;
    }
    const timestamp = shopifyTimestamp(now());
    const card = {
      id: allocateId(shop),
      code,
      currency,
      initialValue: amount,
      balance: amount,
      customerId,
      note: typeof input.note === 'string' ? input.note : null,
      expiresOn: typeof input.expiresOn === 'string' ? input.expiresOn : null,
      templateSuffix: typeof input.templateSuffix === 'string' ? input.templateSuffix : null,
      createdAt: timestamp,
      updatedAt: timestamp,
      deactivatedAt: null,
    };
    shop.giftCards.push(card);
    return { giftCard: giftCardView(shop, card), giftCardCode: code, userErrors: [] };
  };

  const findGiftCard = (id: unknown) => {
    const parsed = typeof id === 'string' ? parseGid(id, 'GiftCard') : null;
    return parsed ? shop.giftCards.find((card) => card.id === parsed.id) : undefined;
  };

  const giftCardDeactivate = (args: Args) => {
    const card = findGiftCard(args.id);
    if (!card) {
      return {
        giftCard: null,
        userErrors: [{ field: ['id'], code: 'GIFT_CARD_NOT_FOUND', message: 'The gift card could not be found.' }],
      };
    }
    // Deactivating twice keeps the first timestamp, as Shopify does (deactivation is one-way).
    if (card.deactivatedAt === null) {
      card.deactivatedAt = shopifyTimestamp(now());
      card.updatedAt = card.deactivatedAt;
    }
    return { giftCard: giftCardView(shop, card), userErrors: [] };
  };

  const giftCardUpdate = (args: Args) => {
    const card = findGiftCard(args.id);
    if (!card) return { giftCard: null, userErrors: [{ field: ['id'], message: 'The gift card could not be found.' }] };
    const input = asRecord(args.input);
    if ('note' in input) card.note = (input.note as string | null) ?? null;
    if ('expiresOn' in input) card.expiresOn = (input.expiresOn as string | null) ?? null;
    if ('templateSuffix' in input) card.templateSuffix = (input.templateSuffix as string | null) ?? null;
    if (typeof input.customerId === 'string') {
      const parsed = parseGid(input.customerId, 'Customer');
      if (!parsed || !shop.customers.some((c) => c.id === parsed.id)) {
        return { giftCard: null, userErrors: [{ field: ['input', 'customerId'], message: 'Customer could not be found.' }] };
      }
      card.customerId = parsed.id;
    }
    card.updatedAt = shopifyTimestamp(now());
    return { giftCard: giftCardView(shop, card), userErrors: [] };
  };

  /** Resolves the `id` of a store-credit mutation to an account, creating one for a customer owner. */
  const resolveAccount = (
    id: unknown,
    currency: string,
    createForOwner: boolean,
  ): SimStoreCreditAccount | UserError => {
    const parsed = typeof id === 'string' ? parseGid(id) : null;
    const accountNotFound = { field: ['id'], message: 'Store credit account does not exist', code: 'ACCOUNT_NOT_FOUND' };
    if (parsed?.type === 'StoreCreditAccount') {
      return shop.storeCreditAccounts.find((a) => a.id === parsed.id) ?? accountNotFound;
    }
    const customer = parsed?.type === 'Customer' ? shop.customers.find((c) => c.id === parsed.id) : undefined;
    if (!customer) {
      // Recorded: credit names the missing owner, debit reports a missing account.
      return createForOwner ? { field: ['id'], message: 'Owner does not exist', code: 'OWNER_NOT_FOUND' } : accountNotFound;
    }
    const existing = shop.storeCreditAccounts.find((a) => a.customerId === customer.id && a.currency === currency);
    if (existing) return existing;
    if (!createForOwner) {
      // Debiting a customer with no account in that currency behaves like an empty account.
      return { id: 0, customerId: customer.id, currency, balance: 0, transactions: [] };
    }
    const account = { id: allocateId(shop), customerId: customer.id, currency, balance: 0, transactions: [] };
    shop.storeCreditAccounts.push(account);
    return account;
  };

  const storeCreditAccountCredit = (args: Args) => {
    const input = asRecord(args.creditInput);
    const creditAmount = input.creditAmount as MoneyInput;
    const fail = (error: UserError) => ({ storeCreditAccountTransaction: null, userErrors: [error] });
    const parsed = typeof args.id === 'string' ? parseGid(args.id) : null;
    if (parsed?.type === 'StoreCreditAccount' && !shop.storeCreditAccounts.some((a) => a.id === parsed.id)) {
      return fail({ field: ['id'], message: 'Store credit account does not exist', code: 'ACCOUNT_NOT_FOUND' });
    }
    if (parsed?.type !== 'StoreCreditAccount' && !(parsed?.type === 'Customer' && shop.customers.some((c) => c.id === parsed.id))) {
      return fail({ field: ['id'], message: 'Owner does not exist', code: 'OWNER_NOT_FOUND' });
    }
    if (typeof input.expiresAt === 'string' && Date.parse(input.expiresAt) <= now().getTime()) {
      return fail({ field: ['creditInput', 'expiresAt'], message: 'The expiry date must be in the future', code: 'EXPIRES_AT_IN_PAST' });
    }
    const amount = parseDecimalToMinor(creditAmount.amount, creditAmount.currencyCode);
    if (amount === null || amount <= 0) {
      return fail({
        field: ['creditInput', 'creditAmount', 'amount'],
        message: 'A positive amount must be used to credit a store credit account',
        code: 'NEGATIVE_OR_ZERO_AMOUNT',
      });
    }
    if (parsed.type === 'StoreCreditAccount') {
      const account = shop.storeCreditAccounts.find((a) => a.id === parsed.id);
      if (account && account.currency !== creditAmount.currencyCode) {
        return fail({
          field: ['creditInput', 'creditAmount', 'currencyCode'],
          message: 'The currency provided does not match the currency of the store credit account',
          code: 'MISMATCHING_CURRENCY',
        });
      }
    }
    const limit = parseDecimalToMinor(STORE_CREDIT_LIMIT_MAJOR, creditAmount.currencyCode) ?? 0;
    const existing = resolveAccount(args.id, creditAmount.currencyCode, false);
    if ('balance' in existing && existing.balance + amount > limit) {
      return fail({
        field: ['creditInput', 'creditAmount', 'amount'],
        message: "The operation would cause the account's credit limit to be exceeded",
        code: 'CREDIT_LIMIT_EXCEEDED',
      });
    }
    const account = resolveAccount(args.id, creditAmount.currencyCode, true);
    if (!('balance' in account)) return fail(account);
    account.balance += amount;
    const transaction = {
      id: allocateId(shop),
      kind: 'credit' as const,
      amount,
      balanceAfter: account.balance,
      createdAt: shopifyTimestamp(now()),
      expiresAt: typeof input.expiresAt === 'string' ? input.expiresAt : null,
    };
    account.transactions.push(transaction);
    return { storeCreditAccountTransaction: storeCreditTransactionView(shop, account, transaction), userErrors: [] };
  };

  const storeCreditAccountDebit = (args: Args) => {
    const input = asRecord(args.debitInput);
    const debitAmount = input.debitAmount as MoneyInput;
    const fail = (error: UserError) => ({ storeCreditAccountTransaction: null, userErrors: [error] });
    const account = resolveAccount(args.id, debitAmount.currencyCode, false);
    if (!('balance' in account)) return fail(account);
    const amount = parseDecimalToMinor(debitAmount.amount, debitAmount.currencyCode);
    if (amount === null || amount <= 0) {
      return fail({
        field: ['debitInput', 'debitAmount', 'amount'],
        message: 'A positive amount must be used to debit a store credit account',
        code: 'NEGATIVE_OR_ZERO_AMOUNT',
      });
    }
    if (account.currency !== debitAmount.currencyCode) {
      return fail({
        field: ['debitInput', 'debitAmount', 'currencyCode'],
        message: 'The currency provided does not match the currency of the store credit account',
        code: 'MISMATCHING_CURRENCY',
      });
    }
    if (account.balance < amount) {
      return fail({
        field: ['debitInput', 'debitAmount', 'amount'],
        message: 'The store credit account does not have sufficient funds to satisfy the request',
        code: 'INSUFFICIENT_FUNDS',
      });
    }
    account.balance -= amount;
    const transaction = {
      id: allocateId(shop),
      kind: 'debit' as const,
      amount: -amount,
      balanceAfter: account.balance,
      createdAt: shopifyTimestamp(now()),
      expiresAt: null,
    };
    account.transactions.push(transaction);
    return { storeCreditAccountTransaction: storeCreditTransactionView(shop, account, transaction), userErrors: [] };
  };

  const metafieldOwner = (ownerId: unknown): { view: { __typename: string; id: string }; list: SimMetafield[] } | null => {
    const parsed = typeof ownerId === 'string' ? parseGid(ownerId) : null;
    if (!parsed) return null;
    const find = <T extends { id: number; metafields: SimMetafield[] }>(items: T[]) => {
      const item = items.find((entry) => entry.id === parsed.id);
      return item ? { view: { __typename: parsed.type, id: toGid(parsed.type, item.id) }, list: item.metafields } : null;
    };
    if (parsed.type === 'Shop' && parsed.id === shop.id) return { view: { __typename: 'Shop', id: toGid('Shop', shop.id) }, list: shop.metafields };
    if (parsed.type === 'Product') return find(shop.products);
    if (parsed.type === 'Customer') return find(shop.customers);
    if (parsed.type === 'Order') return find(shop.orders);
    return null;
  };

  const metafieldsSet = (args: Args) => {
    const inputs = Array.isArray(args.metafields) ? args.metafields.map(asRecord) : [];
    const userErrors: Array<UserError & { elementIndex: number }> = [];
    inputs.forEach((input, index) => {
      if (!metafieldOwner(input.ownerId)) {
        userErrors.push({ field: ['metafields', String(index), 'ownerId'], message: 'Owner does not exist.', code: 'INVALID_VALUE', elementIndex: index });
      }
    });
    // Shopify's metafieldsSet is atomic: one bad input and nothing is written.
    if (userErrors.length > 0) return { metafields: null, userErrors };
    const timestamp = shopifyTimestamp(now());
    const written = inputs.map((input) => {
      const owner = metafieldOwner(input.ownerId)!;
      const namespace = typeof input.namespace === 'string' ? input.namespace : '$app';
      let metafield = owner.list.find((m) => m.namespace === namespace && m.key === input.key);
      if (metafield) {
        metafield.value = String(input.value);
        metafield.type = typeof input.type === 'string' ? input.type : metafield.type;
        metafield.updatedAt = timestamp;
      } else {
        metafield = {
          id: allocateId(shop),
          namespace,
          key: String(input.key),
          type: typeof input.type === 'string' ? input.type : 'single_line_text_field',
          value: String(input.value),
          createdAt: timestamp,
          updatedAt: timestamp,
        };
        owner.list.push(metafield);
      }
      return metafieldView(owner.view, metafield);
    });
    return { metafields: written, userErrors: [] };
  };

  return {
    giftCardCreate,
    giftCardDeactivate,
    giftCardUpdate,
    storeCreditAccountCredit,
    storeCreditAccountDebit,
    metafieldsSet,
    ...createCustomerTagMutations(shop, now),
    ...createSegmentAndDiscountMutations(shop, now),
  };
}
