// `npm run check-balances`: proves balance == sum of posted entries (and pending == sum of pending)
// for every member. Exits 1 on any mismatch.
import { findBalanceMismatches } from '../web/core/ledger/check-balances';
import { createDatabase } from '../web/server/db/create-database';
import { loadConfigOrExit } from '../web/runtime/load-config-or-exit';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const db = createDatabase(config.database.url);
  try {
    const { checked, mismatches } = await findBalanceMismatches(db.prisma);
    for (const m of mismatches) {
      process.stdout.write(`MISMATCH member ${m.memberId} (shop ${m.shopId}): balance ${m.balance} vs posted ${m.postedSum}; pending ${m.pendingPoints} vs ${m.pendingSum}\n`);
    }
    process.stdout.write(`${checked} members checked, ${mismatches.length} mismatches\n`);
    process.exitCode = mismatches.length === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  process.stderr.write(`check-balances failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
