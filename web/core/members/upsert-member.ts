// Members are created from customers (customers/create|update) and from orders that name a customer.
import type { Tx } from '../db-client';
import { joinDefaultGroup } from '../groups/join-default-group';

export interface CustomerFields {
  shopifyCustomerId: string;
  email?: string | null;
  phone?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  locale?: string | null;
  /** the Shopify customer's tags as Shopify sends them ("a, b"), for group rules */
  tags?: string | null;
}

/** Creates the member or refreshes its contact fields; fields that are absent (undefined) are left alone. */
export async function upsertMember(tx: Tx, shopId: string, customer: CustomerFields, now: Date = new Date()): Promise<{ id: string }> {
  const contact = {
    ...(customer.email !== undefined ? { email: customer.email } : {}),
    ...(customer.phone !== undefined ? { phone: customer.phone } : {}),
    ...(customer.firstName !== undefined ? { firstName: customer.firstName } : {}),
    ...(customer.lastName !== undefined ? { lastName: customer.lastName } : {}),
    ...(customer.locale !== undefined ? { locale: customer.locale } : {}),
    ...(customer.tags !== undefined ? { shopifyTags: customer.tags ?? '' } : {}),
  };
  const member = await tx.member.upsert({
    where: { shopId_shopifyCustomerId: { shopId, shopifyCustomerId: customer.shopifyCustomerId } },
    create: { shopId, shopifyCustomerId: customer.shopifyCustomerId, ...contact },
    update: contact,
    select: { id: true },
  });
  // A new member joins the shop's default group (a no-op for members who were already known).
  await joinDefaultGroup(tx, shopId, member.id, now);
  return member;
}

/** GDPR customers/redact: personal data goes, the ledger (anonymous points history) stays. */
export async function redactMember(tx: Tx, shopId: string, shopifyCustomerId: string): Promise<boolean> {
  const { count } = await tx.member.updateMany({
    where: { shopId, shopifyCustomerId },
    data: { email: null, phone: null, firstName: null, lastName: null, locale: null },
  });
  return count > 0;
}
