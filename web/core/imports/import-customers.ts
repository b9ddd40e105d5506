// Customers from a bulk export (JSONL, one customer per line) become members in set-based batches,
// with Shopify's lifetime spend and last order date, so spend tiers and groups are right from day one.
// A batch and the checkpoint that counts it commit together; upserts are idempotent, so a batch
// repeated after a crash changes nothing. Lifetime spend and last visit never move backwards: the
// webhooks may already have counted a newer order.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db-client';
import { parseMoneyToMinor } from '../money';
import { sqlClientOf } from '../sql/sql-client';
import { joinSql, sql } from '../sql/sql-query';
import { checkpointSql } from './import-job-store';

export interface ImportedCustomer {
  shopifyCustomerId: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  locale: string | null;
  lifetimeSpendMinor: number;
  lastOrderAt: Date | null;
}

interface CustomerLine {
  id?: unknown;
  firstName?: string | null;
  lastName?: string | null;
  locale?: string | null;
  defaultEmailAddress?: { emailAddress?: string | null } | null;
  defaultPhoneNumber?: { phoneNumber?: string | null } | null;
  amountSpent?: { amount?: string; currencyCode?: string } | null;
  lastOrder?: { processedAt?: string | null } | null;
}

/** One JSONL line of the customers export; null for a line that is not a customer. */
export function parseCustomerLine(text: string): ImportedCustomer | null {
  const line = JSON.parse(text) as CustomerLine;
  if (typeof line.id !== 'string' || !line.id.startsWith('gid://shopify/Customer/')) return null;
  const spent = line.amountSpent?.amount && line.amountSpent.currencyCode ? parseMoneyToMinor(line.amountSpent.amount, line.amountSpent.currencyCode) : 0;
  const lastOrder = line.lastOrder?.processedAt ? new Date(line.lastOrder.processedAt) : null;
  return {
    shopifyCustomerId: line.id,
    email: line.defaultEmailAddress?.emailAddress ?? null,
    phone: line.defaultPhoneNumber?.phoneNumber ?? null,
    firstName: line.firstName ?? null,
    lastName: line.lastName ?? null,
    locale: line.locale ?? null,
    lifetimeSpendMinor: spent,
    lastOrderAt: lastOrder && !Number.isNaN(lastOrder.getTime()) ? lastOrder : null,
  };
}

const ROWS_PER_STATEMENT = 500;

/** Upserts the customers as members and moves the job's checkpoint to `processed`, in one transaction. */
export async function applyCustomerBatch(db: Db, shopId: string, jobId: string, customers: ImportedCustomer[], processed: number, now: Date): Promise<number> {
  let written = 0;
  await sqlClientOf(db).transaction(async (tx) => {
    // One row per customer in a statement: ON CONFLICT cannot touch the same row twice.
    const unique = [...new Map(customers.map((c) => [c.shopifyCustomerId, c])).values()].sort((a, b) => (a.shopifyCustomerId < b.shopifyCustomerId ? -1 : 1));
    for (let i = 0; i < unique.length; i += ROWS_PER_STATEMENT) {
      const rows = unique.slice(i, i + ROWS_PER_STATEMENT).map((c) => sql`(${randomUUID()}, ${shopId}, ${c.shopifyCustomerId}, ${c.email}, ${c.phone}, ${c.firstName},
        ${c.lastName}, ${c.locale}, ${c.lifetimeSpendMinor}, ${c.lastOrderAt}, ${now}, ${now})`);
      written += await tx.execute(sql`
        INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "email", "phone", "firstName", "lastName", "locale", "lifetimeSpendMinor", "lastVisitAt", "createdAt", "updatedAt")
        VALUES ${joinSql(rows)}
        ON CONFLICT ("shopId", "shopifyCustomerId") DO UPDATE SET
          "email" = COALESCE(excluded."email", "Member"."email"), "phone" = COALESCE(excluded."phone", "Member"."phone"),
          "firstName" = COALESCE(excluded."firstName", "Member"."firstName"), "lastName" = COALESCE(excluded."lastName", "Member"."lastName"),
          "locale" = COALESCE(excluded."locale", "Member"."locale"),
          "lifetimeSpendMinor" = CASE WHEN excluded."lifetimeSpendMinor" > "Member"."lifetimeSpendMinor" THEN excluded."lifetimeSpendMinor" ELSE "Member"."lifetimeSpendMinor" END,
          "lastVisitAt" = CASE WHEN "Member"."lastVisitAt" IS NULL OR excluded."lastVisitAt" > "Member"."lastVisitAt" THEN COALESCE(excluded."lastVisitAt", "Member"."lastVisitAt") ELSE "Member"."lastVisitAt" END,
          "updatedAt" = excluded."updatedAt"`);
    }
    await tx.execute(checkpointSql(jobId, processed, now));
  });
  return written;
}
