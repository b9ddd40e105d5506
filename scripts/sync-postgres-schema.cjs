// Writes prisma/schema.postgres.prisma from prisma/schema.prisma: the same data model, another provider.
// `--check` exits non-zero when the checked-in file is stale (run by the test suite).
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const source = fs.readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8');
const target = path.join(root, 'prisma/schema.postgres.prisma');

function renderPostgresSchema(sqliteSchema) {
  const rendered = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../web/server/generated/sqlite"', 'output       = "../web/server/generated/postgres"');
  return '// GENERATED from schema.prisma by scripts/sync-postgres-schema.cjs. Do not edit.\n' + rendered;
}

const expected = renderPostgresSchema(source);
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== expected) {
    console.error('prisma/schema.postgres.prisma is stale: run `npm run prisma:sync`');
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, expected);
}
module.exports = { renderPostgresSchema };
