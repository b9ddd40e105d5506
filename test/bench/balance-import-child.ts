// Child process of onboarding.bench.ts: the balance import of one CSV file, dry run then apply, as the
// web request and the task would run it; prints { dryRunMs, applyMs, rows, posted, maxRssMb } as JSON,
// so the parent reads the import's own peak memory.
// Run alone: node --import tsx test/bench/balance-import-child.ts <databaseUrl> <shopId> <csvPath>
import fs from 'node:fs';
import { applyBalanceFile, dryRunBalanceImport } from '../../web/core/imports/import-balances';
import { readImportSource } from '../../web/core/imports/import-job-store';
import { sql } from '../../web/core/sql/sql-query';
import { createDatabase } from '../../web/server/db/create-database';

async function main(): Promise<void> {
  const [url, shopId, csvPath] = process.argv.slice(2) as [string, string, string];
  const database = createDatabase(url);
  const db = { prisma: database.prisma, kind: database.kind, sql: database.sql };
  // Connected, as a running process is. (The import path uses raw SQL only: Prisma's query compiler is
  // never loaded here.)
  await db.sql?.query(sql`SELECT 1`);
  const started = performance.now();
  // The upload arrives as one string (the JSON body), like the route receives it.
  const job = await dryRunBalanceImport(db, shopId, { csv: fs.readFileSync(csvPath, 'utf8'), fileName: 'bench.csv', startedBy: null });
  const dryRunMs = performance.now() - started;
  if (job.status !== 'validated') throw new Error(`dry run found ${job.errorCount} errors: ${JSON.stringify(job.errors.slice(0, 3))}`);
  const applyStarted = performance.now();
  const result = await applyBalanceFile(db, job, (await readImportSource(db, job.id))!, new Date());
  const applyMs = performance.now() - applyStarted;
  await database.close();
  console.log(JSON.stringify({ dryRunMs, applyMs, rows: job.total, posted: result.posted, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
