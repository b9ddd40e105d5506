// Which member a booking system's customer is: by Shopify customer id, else e-mail (any case), else
// phone (as given, or its digits and a leading +). Several members with the same e-mail or phone are ambiguous and
// left to staff, like an unknown customer.
import type { Tx } from '../db-client';
import { prismaSqlExecutor } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import type { BookingEventInput } from './booking-event-input';

export type CustomerMatch = { memberId: string } | { memberId: null; note: string };

const normalPhone = (phone: string) => phone.replace(/[^\d+]/g, '');

export async function resolveBookingCustomer(tx: Tx, shopId: string, customer: BookingEventInput['booking']['customer']): Promise<CustomerMatch> {
  if (customer.shopifyCustomerId) {
    const member = await tx.member.findUnique({ where: { shopId_shopifyCustomerId: { shopId, shopifyCustomerId: customer.shopifyCustomerId } }, select: { id: true } });
    if (member) return { memberId: member.id };
  }
  if (customer.email) {
    const matches = await prismaSqlExecutor(tx).query<{ id: string }>(sql`
      SELECT "id" FROM "Member" WHERE "shopId" = ${shopId} AND LOWER("email") = ${customer.email.toLowerCase()} LIMIT 3`);
    if (matches.length === 1) return { memberId: matches[0]!.id };
    if (matches.length > 1) return { memberId: null, note: `${matches.length} members share the e-mail ${customer.email}.` };
  }
  if (customer.phone && normalPhone(customer.phone).length >= 6) {
    const matches = await tx.member.findMany({ where: { shopId, phone: { in: [...new Set([customer.phone, normalPhone(customer.phone)])] } }, select: { id: true }, take: 3 });
    if (matches.length === 1) return { memberId: matches[0]!.id };
    if (matches.length > 1) return { memberId: null, note: `${matches.length} members share the phone ${customer.phone}.` };
  }
  const named = [customer.shopifyCustomerId, customer.email, customer.phone].filter(Boolean).join(', ');
  return { memberId: null, note: `No member matches the customer (${named}).` };
}
