// `npm run migrate`: applies pending migrations to DATABASE_URL (the web process also does this at start).
import { migrateDatabase } from '../web/server/db/migrate';
import { loadConfigOrExit } from '../web/runtime/load-config-or-exit';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const result = await migrateDatabase(config.database.url);
  process.stdout.write(`${config.database.kind}: ${result.applied.length} migration(s) applied${result.applied.length ? `: ${result.applied.join(', ')}` : ''}; ${result.alreadyApplied} already applied\n`);
}

main().catch((error) => {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
