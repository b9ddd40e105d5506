import { defineConfig } from 'prisma/config';

// The CLI is only used for `generate` here; migrations are applied by web/server/db/migrate.ts.
export default defineConfig({
  schema: process.env.PRISMA_SCHEMA ?? 'prisma/schema.prisma',
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/loyalty.db' },
});
