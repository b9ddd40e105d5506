// Drafts the next migration for both providers with Prisma's schema engine: the SQL that takes the data
// model at a git revision (default HEAD) to the one in the working tree, saved as
// prisma/migrations/<timestamp>_<name>/migration.sql and prisma/migrations-postgres/<timestamp>_<name>/
// for review (add what a data model cannot say, e.g. a CHECK or a function, by hand). The schema-drift test
// then proves the migrated databases match the data model.
// Usage: npx tsx scripts/draft-migration.ts <timestamp>_<name> [--from <git revision>]
// PostgreSQL drafting needs a reachable server (TEST_POSTGRES_URL, default the test database).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { diffDataModels, type Provider } from './prisma-schema-engine';

const root = path.resolve(__dirname, '..');
const EMPTY_MIGRATION = '-- This is an empty migration.';
const targets: Array<{ provider: Provider; schema: string; migrations: string }> = [
  { provider: 'sqlite', schema: 'prisma/schema.prisma', migrations: 'prisma/migrations' },
  { provider: 'postgresql', schema: 'prisma/schema.postgres.prisma', migrations: 'prisma/migrations-postgres' },
];

function schemaAt(revision: string, file: string): string {
  return execFileSync('git', ['show', `${revision}:${file}`], { cwd: root, encoding: 'utf8' });
}

async function main(): Promise<void> {
  const [name, flag, revision = 'HEAD'] = process.argv.slice(2);
  if (!name || !/^\d{14}_[a-z0-9_]+$/.test(name) || (flag !== undefined && flag !== '--from')) {
    throw new Error('usage: draft-migration.ts <yyyymmddhhmmss>_<snake_case_name> [--from <git revision>]');
  }
  execFileSync('node', ['scripts/sync-postgres-schema.cjs'], { cwd: root, stdio: 'inherit' });
  const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  for (const target of targets) {
    const sql = await diffDataModels(target.provider, schemaAt(revision, target.schema), fs.readFileSync(path.join(root, target.schema), 'utf8'), postgresUrl);
    if (sql.trim() === EMPTY_MIGRATION) {
      console.log(`${target.provider}: the data model has not changed since ${revision}`);
      continue;
    }
    const file = path.join(root, target.migrations, name, 'migration.sql');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, sql);
    console.log(`${target.provider}: drafted ${path.relative(root, file)}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
