// Statements through Prisma's raw API (which renders the placeholders), on a client or in its transaction:
// the SqlExecutor wherever no pg pool is at hand (SQLite, where a statement is an in-process call).
import type { PrismaClient, Prisma as PrismaTypes } from '../../server/generated/sqlite/client';
import type { SqlExecutor } from './sql-executor';
import type { SqlQuery } from './sql-query';

export function prismaSqlExecutor(prisma: PrismaClient | PrismaTypes.TransactionClient): SqlExecutor {
  return {
    query: <Row>(query: SqlQuery) => prisma.$queryRaw<Row[]>(query.strings, ...query.values),
    execute: (query: SqlQuery) => prisma.$executeRaw(query.strings, ...query.values),
  };
}
