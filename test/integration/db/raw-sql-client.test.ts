// The raw-SQL client the hot paths use (pg pool on PostgreSQL, Prisma's raw API on SQLite) must read
// and write exactly what Prisma does, whatever the process' time zone.
import { createMember, createShop } from '../../fixtures/factories';
import { minorUnitsFromColumn } from '../../../web/core/money';
import { REDEMPTION_COLUMNS } from '../../../web/core/redemption/redemption-rows';
import { sqlClientOf } from '../../../web/core/sql/sql-client';
import { sql, toDate } from '../../../web/core/sql/sql-query';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('raw SQL client', (getDb, kind) => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it(kind === 'postgresql' ? 'is the pg pool, not Prisma' : 'goes through Prisma on SQLite', () => {
    expect(sqlClientOf(getDb()).dialect).toBe(kind === 'postgresql' ? 'postgresql' : undefined);
  });

  it('writes and reads timestamps as UTC instants, the same ones Prisma sees, in any process time zone', async () => {
    process.env.TZ = 'America/New_York';
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const instant = new Date('2026-03-08T06:30:00.250Z'); // New York changes to summer time that morning
    const client = sqlClientOf(db);
    await client.execute(sql`UPDATE "Member" SET "updatedAt" = ${instant} WHERE "id" = ${member.id}`);
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).updatedAt.toISOString()).toBe(instant.toISOString());
    const [row] = await client.query<{ updatedAt: unknown }>(sql`SELECT "updatedAt" FROM "Member" WHERE "id" = ${member.id}`);
    expect(toDate(row!.updatedAt).toISOString()).toBe(instant.toISOString());
  });

  it('returns counts as numbers and runs the same statement many times (prepared once per connection)', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    await createMember(db.prisma, shop.id);
    await createMember(db.prisma, shop.id);
    const client = sqlClientOf(db);
    const counts = await Promise.all(Array.from({ length: 40 }, () => client.query<{ n: unknown }>(sql`SELECT COUNT(*) AS "n" FROM "Member" WHERE "shopId" = ${shop.id}`)));
    for (const [row] of counts) expect(Number(row!.n)).toBe(2);
    if (kind === 'postgresql') expect(typeof counts[0]![0]!.n).toBe('number');
  });

  it('reads a money column above 2^31 exactly as a number of minor units, and refuses one beyond 2^53 instead of rounding it', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const client = sqlClientOf(db);
    await client.execute(sql`UPDATE "Member" SET "lifetimeSpendMinor" = ${2_500_000_000} WHERE "id" = ${member.id}`);
    const [row] = await client.query<{ lifetimeSpendMinor: bigint | number }>(sql`SELECT "lifetimeSpendMinor" FROM "Member" WHERE "id" = ${member.id}`);
    expect(minorUnitsFromColumn(row!.lifetimeSpendMinor)).toBe(2_500_000_000);
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).lifetimeSpendMinor).toBe(2_500_000_000n);
    await db.prisma.member.update({ where: { id: member.id }, data: { lifetimeSpendMinor: 9_007_199_254_740_993n } });
    const read = async () => minorUnitsFromColumn((await client.query<{ v: bigint | number }>(sql`SELECT "lifetimeSpendMinor" AS "v" FROM "Member" WHERE "id" = ${member.id}`))[0]!.v);
    await expect(read()).rejects.toThrow(/2\^53|exactly/);
  });

  it('rolls the whole transaction back when the work throws', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const client = sqlClientOf(db);
    await expect(
      client.transaction(async (tx) => {
        await tx.execute(sql`UPDATE "Member" SET "balance" = 500 WHERE "id" = ${member.id}`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).balance).toBe(0);
    await client.transaction((tx) => tx.execute(sql`UPDATE "Member" SET "balance" = 7 WHERE "id" = ${member.id}`));
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).balance).toBe(7);
  });
});

describeEachDatabase('raw SQL statements across a migration', (getDb) => {
  it('keeps reading redemptions after a column is added while connections hold prepared statements', async () => {
    const db = getDb();
    const client = sqlClientOf(db);
    const read = () => Promise.all(Array.from({ length: 40 }, () => client.query(sql`SELECT ${REDEMPTION_COLUMNS} FROM "Redemption" WHERE "shopId" = ${'nobody'}`)));
    await read();
    await db.prisma.$executeRawUnsafe('ALTER TABLE "Redemption" ADD COLUMN "addedLater" TEXT');
    try {
      await expect(read()).resolves.toHaveLength(40);
    } finally {
      await db.prisma.$executeRawUnsafe('ALTER TABLE "Redemption" DROP COLUMN "addedLater"');
    }
  });
});

describeEachDatabase('committing with the last statement', (getDb, kind) => {
  it('commits what the transaction wrote when its last statement succeeds', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    await sqlClientOf(db).transaction(async (tx) => {
      await tx.execute(sql`UPDATE "Member" SET "balance" = 11 WHERE "id" = ${member.id}`);
      const last = sql`UPDATE "Member" SET "pendingPoints" = 22 WHERE "id" = ${member.id} RETURNING "id"`;
      return tx.queryThenCommit ? tx.queryThenCommit(last) : tx.query(last);
    });
    const row = await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } });
    expect([row.balance, row.pendingPoints]).toEqual([11, 22]);
    expect(Boolean(sqlClientOf(db).dialect)).toBe(kind === 'postgresql');
  });

  it('rolls everything back when the last statement refuses itself, and the connections stay usable', async () => {
    const db = getDb();
    if (kind !== 'postgresql') return; // loyalty_refuse and the queued COMMIT are PostgreSQL's
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const client = sqlClientOf(db);
    const attempt = () =>
      client.transaction(async (tx) => {
        await tx.execute(sql`UPDATE "Member" SET "balance" = "balance" + 5 WHERE "id" = ${member.id}`);
        return tx.queryThenCommit!(sql`SELECT "loyalty_refuse"(${'no, thank you'}) AS "refused"`);
      });
    // More attempts than pooled connections: each must come back clean (no transaction left open).
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, attempt));
    for (const outcome of outcomes) expect(outcome.status === 'rejected' && (outcome.reason as Error).message).toBe('no, thank you');
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).balance).toBe(0);
    // Every pooled connection then takes part in new transactions whose writes persist: none was left
    // inside the refused transaction (its statements would fail, or its writes vanish).
    await Promise.all(Array.from({ length: 30 }, () => client.transaction((tx) => tx.execute(sql`UPDATE "Member" SET "balance" = "balance" + 1 WHERE "id" = ${member.id}`))));
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).balance).toBe(30);
  });
});
