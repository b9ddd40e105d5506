// Migrations are drafted by Prisma's own schema engine (the wasm build, offline): the SQL between two data
// models, for each provider.
import fs from 'node:fs';
import path from 'node:path';
import { diffDataModels, type Provider } from '../../scripts/prisma-schema-engine';
import { postgresAvailable } from '../support/test-database';
import { TEST_POSTGRES_URL } from '../support/postgres-availability';

const schemas: Record<Provider, string> = {
  sqlite: fs.readFileSync(path.resolve(__dirname, '../../prisma/schema.prisma'), 'utf8'),
  postgresql: fs.readFileSync(path.resolve(__dirname, '../../prisma/schema.postgres.prisma'), 'utf8'),
};

describe.each(['sqlite', 'postgresql'] as const)('drafting a migration on %s', (provider) => {
  const run = provider === 'postgresql' && !postgresAvailable() ? it.skip : it;
  const current = schemas[provider];

  run('drafts the ALTER that adds a column the data model gained', async () => {
    const before = current.replace(/\n\s*providerResponse\s+String\?/, '');
    expect(before).not.toBe(current);
    const sql = await diffDataModels(provider, before, current, TEST_POSTGRES_URL);
    expect(sql).toMatch(/ALTER TABLE "OutboxMessage" ADD COLUMN\s+"providerResponse" TEXT;/);
  });

  run('drafts an empty migration when the data model has not changed', async () => {
    expect((await diffDataModels(provider, current, current, TEST_POSTGRES_URL)).trim()).toBe('-- This is an empty migration.');
  });
});
