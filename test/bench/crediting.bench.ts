// Posting 100,000 due pending credits (balances + outbox rows), set-based.
import type { Db, DbKind } from '../../web/core/db-client';
import { postDueCredits } from '../../web/core/ledger/post-due-credits';
import { createShop } from '../fixtures/factories';
import { seedDueCredits } from '../fixtures/seed-due-credits';
import type { BenchResult } from './bench-result';

export async function runCreditingBenchmark(db: Db & { kind: DbKind }, credits = 100_000): Promise<BenchResult> {
  const shop = await createShop(db.prisma);
  const members = credits / 10;
  await seedDueCredits(db, { shopId: shop.id, members, creditsPerMember: 10, availableAt: new Date('2026-01-01T00:00:00Z'), runId: `bench${Date.now()}` });
  const started = performance.now();
  const result = await postDueCredits(db, { now: new Date(), batchSize: 5000 });
  const seconds = (performance.now() - started) / 1000;
  return {
    name: `post ${credits.toLocaleString('en')} due credits [${db.kind}]`,
    value: Number(seconds.toFixed(2)),
    unit: 's',
    detail: `${result.posted} posted in ${result.batches} batches of 5,000 (${Math.round(result.posted / seconds)} credits/s) with balances and outbox rows`,
  };
}
