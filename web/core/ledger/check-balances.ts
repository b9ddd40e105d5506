// Proves the cached balances: for every member, balance == sum of posted entries and
// pendingPoints == sum of pending entries.
import type { Prisma } from '../db-client';
import { prismaSqlExecutor } from '../sql/prisma-sql-executor';
import { sql } from '../sql/sql-query';

export interface BalanceMismatch {
  memberId: string;
  shopId: string;
  balance: number;
  postedSum: number;
  pendingPoints: number;
  pendingSum: number;
}

export async function findBalanceMismatches(prisma: Prisma): Promise<{ checked: number; mismatches: BalanceMismatch[] }> {
  const rows = await prismaSqlExecutor(prisma).query<{ memberId: string; shopId: string; balance: number; postedSum: number | bigint; pendingPoints: number; pendingSum: number | bigint }>(sql`
    SELECT m."id" AS "memberId", m."shopId" AS "shopId", m."balance" AS "balance", m."pendingPoints" AS "pendingPoints",
      COALESCE(SUM(CASE WHEN e."status" = 'posted' THEN e."points" ELSE 0 END), 0) AS "postedSum",
      COALESCE(SUM(CASE WHEN e."status" = 'pending' THEN e."points" ELSE 0 END), 0) AS "pendingSum"
    FROM "Member" m LEFT JOIN "LedgerEntry" e ON e."memberId" = m."id"
    GROUP BY m."id", m."shopId", m."balance", m."pendingPoints"`);
  const mismatches = rows
    .map((row) => ({ ...row, balance: Number(row.balance), pendingPoints: Number(row.pendingPoints), postedSum: Number(row.postedSum), pendingSum: Number(row.pendingSum) }))
    .filter((row) => row.balance !== row.postedSum || row.pendingPoints !== row.pendingSum);
  return { checked: rows.length, mismatches };
}
