// The migration that widens the money columns to BIGINT keeps every row: on SQLite it redefines five
// tables (copy, drop, rename), which must neither cascade into nor orphan their children.
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { DbKind } from '../../../web/core/db-client';
import { postgresSettingsFrom, sqliteFileFrom } from '../../../web/server/db/connection-settings';
import { applyMigrations, migrateDatabase, readMigrations } from '../../../web/server/db/migrate';
import { databaseKinds, postgresAvailable, testDatabaseUrl } from '../../support/test-database';

const MONEY_BIGINT = '20261130100000_money_bigint';
const ABOVE_INT32 = 2_500_000_000; // IDR 25,000,000.00 in minor units

// Rows of every redefined table, plus children that cascade from them, as an older release wrote them.
const SEED = [
  `INSERT INTO "Shop" ("id", "domain", "name", "updatedAt") VALUES ('s1', 'bigint.myshopify.com', 'Shop', $now)`,
  `INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "balance", "lifetimeSpendMinor", "updatedAt") VALUES ('m1', 's1', 'gid://shopify/Customer/1', 7, 2000000000, $now)`,
  `INSERT INTO "LedgerEntry" ("id", "shopId", "memberId", "type", "status", "points", "description", "sourceType", "sourceId", "idempotencyKey")
     VALUES ('e1', 's1', 'm1', 'earn', 'posted', 7, 'Haircut', 'line_item', 'l1', 'earn:line:l1')`,
  `INSERT INTO "OrderRecord" ("id", "shopId", "shopifyOrderId", "memberId", "currency", "eligibleMinor", "processedAt", "shopifyUpdatedAt")
     VALUES ('o1', 's1', 'gid://shopify/Order/1', 'm1', 'EUR', 700, $now, $now)`,
  `INSERT INTO "OrderLine" ("id", "shopId", "orderRecordId", "shopifyLineItemId", "title", "quantity", "eligibleMinor")
     VALUES ('ol1', 's1', 'o1', 'gid://shopify/LineItem/1', 'Haircut', 1, 700)`,
  `INSERT INTO "GiftCardReward" ("id", "shopId", "title", "valueMinor", "currency", "pointsCost", "updatedAt") VALUES ('r1', 's1', 'Card', 1000, 'EUR', 100, $now)`,
  `INSERT INTO "Redemption" ("id", "shopId", "memberId", "rewardId", "rewardType", "points", "valueMinor", "currency", "idempotencyKey", "ledgerEntryId", "updatedAt")
     VALUES ('d1', 's1', 'm1', 'r1', 'gift_card', 100, 1000, 'EUR', 'k1', 'e1', $now)`,
];

const COUNTS = `SELECT (SELECT COUNT(*) FROM "Member") AS members, (SELECT COUNT(*) FROM "LedgerEntry") AS entries,
  (SELECT COUNT(*) FROM "OrderRecord") AS orders, (SELECT COUNT(*) FROM "OrderLine") AS lines,
  (SELECT COUNT(*) FROM "GiftCardReward") AS rewards, (SELECT COUNT(*) FROM "Redemption") AS redemptions,
  (SELECT "memberId" FROM "OrderRecord" WHERE "id" = 'o1') AS "orderMember"`;

interface Connection {
  run(statement: string): Promise<void>;
  one(statement: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

async function connect(kind: DbKind, url: string): Promise<Connection> {
  if (kind === 'sqlite') {
    const db = new Sqlite(sqliteFileFrom(url));
    return {
      run: async (statement) => void db.prepare(statement.replaceAll('$now', String(Date.now()))).run(),
      one: async (statement) => db.prepare(statement).get() as Record<string, unknown>,
      close: async () => void db.close(),
    };
  }
  const { connectionString, schema } = postgresSettingsFrom(url);
  const client = new pg.Client({ connectionString });
  await client.connect();
  await client.query(`SET search_path TO "${schema}"`);
  return {
    run: async (statement) => void (await client.query(statement.replaceAll('$now', 'now()'))),
    one: async (statement) => (await client.query(statement)).rows[0] as Record<string, unknown>,
    close: () => client.end(),
  };
}

for (const kind of databaseKinds) {
  const run = kind === 'postgresql' && !postgresAvailable() ? describe.skip : describe;
  run(`money columns become 64-bit [${kind}]`, () => {
    let target: ReturnType<typeof testDatabaseUrl>;
    beforeAll(() => {
      target = testDatabaseUrl(kind);
    });
    afterAll(async () => {
      await target.cleanup();
    });

    it('keeps every row and every link when the money columns are widened, and then holds amounts above 2^31', async () => {
      const before = readMigrations(kind).filter((migration) => migration.name < MONEY_BIGINT);
      await applyMigrations(target.url, before);
      const connection = await connect(kind, target.url);
      try {
        for (const statement of SEED) await connection.run(statement);
        // The old INTEGER column refuses a 25-million IDR order on PostgreSQL (SQLite stores it anyway).
        if (kind === 'postgresql') {
          await expect(connection.run(`UPDATE "OrderRecord" SET "eligibleMinor" = ${ABOVE_INT32}`)).rejects.toThrow(/out of range/);
        }
        const result = await migrateDatabase(target.url);
        expect(result.applied[0]).toBe(MONEY_BIGINT);
        const counts = Object.fromEntries(Object.entries(await connection.one(COUNTS)).map(([key, value]) => [key, typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : typeof value === 'bigint' ? Number(value) : value]));
        expect(counts).toEqual({ members: 1, entries: 1, orders: 1, lines: 1, rewards: 1, redemptions: 1, orderMember: 'm1' });
        await connection.run(`UPDATE "OrderRecord" SET "eligibleMinor" = ${ABOVE_INT32}`);
        await connection.run(`UPDATE "Member" SET "lifetimeSpendMinor" = "lifetimeSpendMinor" + ${ABOVE_INT32}`);
        const money = await connection.one(`SELECT o."eligibleMinor" AS "order", m."lifetimeSpendMinor" AS "lifetime" FROM "OrderRecord" o JOIN "Member" m ON m."id" = o."memberId"`);
        expect({ order: String(money.order), lifetime: String(money.lifetime) }).toEqual({ order: String(ABOVE_INT32), lifetime: String(2_000_000_000 + ABOVE_INT32) });
      } finally {
        await connection.close();
      }
    });
  });
}
