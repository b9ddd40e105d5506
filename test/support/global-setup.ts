// Decides once per run whether the PostgreSQL half of the suite can run. Without a server the suite still
// passes on SQLite and says so loudly; with REQUIRE_POSTGRES=1 (set by CI) a missing server fails the run.
import { postgresIsReachable, TEST_POSTGRES_URL } from './postgres-availability';

export default async function globalSetup(): Promise<void> {
  const reachable = await postgresIsReachable();
  process.env.TEST_POSTGRES_AVAILABLE = reachable ? '1' : '0';
  if (reachable) return;
  if (process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL is not reachable at ${TEST_POSTGRES_URL}`);
  }
  const line = '!'.repeat(78);
  console.warn(`\n${line}\n!! PostgreSQL is not reachable at ${TEST_POSTGRES_URL}\n!! The PostgreSQL suite DID NOT RUN; only SQLite was tested.\n!! Set TEST_POSTGRES_URL or start PostgreSQL, or REQUIRE_POSTGRES=1 to make this an error.\n${line}\n`);
}
