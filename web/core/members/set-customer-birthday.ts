// The customer enters their birthday once (widget or customer account), agreeing that the shop keeps it
// for birthday rewards; it is stored as month and day (year optional) with source `customer`. A second
// change by the customer is refused: a birthday that can be moved at will would pay a birthday reward
// every month. Staff can still correct it. Shopify's Customer has no birthday field in the 2026-07
// Admin API; a shop that keeps one elsewhere can have staff or an import set it.
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { Db } from '../db-client';
import { sqlClientOf } from '../sql/sql-client';
import { sql } from '../sql/sql-query';

export const customerBirthdaySchema = z.strictObject({
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  year: z.number().int().min(1900).max(2100).optional(),
  consent: z.literal(true, { message: 'Please agree that the shop keeps your birthday for birthday rewards.' }),
});
export type CustomerBirthday = z.infer<typeof customerBirthdaySchema>;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export async function setCustomerBirthday(db: Db, shopId: string, customerGid: string, input: CustomerBirthday, now: Date): Promise<{ birthday: string }> {
  if (input.day > DAYS_IN_MONTH[input.month - 1]!) throw new AppError('VALIDATION', 'This date does not exist.');
  if (input.year !== undefined && (input.year > now.getUTCFullYear() || (input.month === 2 && input.day === 29 && !isLeapYear(input.year)))) {
    throw new AppError('VALIDATION', 'This date does not exist.');
  }
  const client = sqlClientOf(db);
  const changed = await client.execute(sql`
    UPDATE "Member" SET "birthMonth" = ${input.month}, "birthDay" = ${input.day}, "birthYear" = ${input.year ?? null}, "birthdaySource" = 'customer', "updatedAt" = ${now}
    WHERE "shopId" = ${shopId} AND "shopifyCustomerId" = ${customerGid} AND "birthMonth" IS NULL`);
  if (changed === 0) {
    const [member] = await client.query<{ id: string }>(sql`SELECT "id" FROM "Member" WHERE "shopId" = ${shopId} AND "shopifyCustomerId" = ${customerGid}`);
    if (!member) throw new AppError('NOT_FOUND', 'No loyalty account was found for this customer.');
    throw new AppError('CONFLICT', 'Your birthday is already saved and cannot be changed here. Please contact the shop to correct it.');
  }
  return { birthday: `${String(input.month).padStart(2, '0')}-${String(input.day).padStart(2, '0')}` };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
