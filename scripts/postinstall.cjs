// Runs after `npm install`: generates both Prisma clients (offline: the schema engine is not needed
// for generation) and builds the admin UI, so `npm start` and `npm test` work on a fresh clone.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (command, args, env = {}) => execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

if (!fs.existsSync(bin('prisma'))) {
  console.log('postinstall: dependencies not installed yet, skipping');
  process.exit(0);
}
run('node', ['scripts/sync-postgres-schema.cjs']);
for (const schema of ['prisma/schema.prisma', 'prisma/schema.postgres.prisma']) {
  run(bin('prisma'), ['generate'], { PRISMA_SCHEMA: schema, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1' });
}
if (fs.existsSync(path.join(root, 'web/frontend/vite.config.mts'))) {
  // Always React's production build, whatever NODE_ENV the install inherits (jest's "test" when the
  // Shopify CLI build test reinstalls, which made the admin log development warnings in later tests).
  run(bin('vite'), ['build', '--config', 'web/frontend/vite.config.mts', '--logLevel', 'warn'], { NODE_ENV: 'production' });
}
