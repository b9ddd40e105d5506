// Tests run TypeScript through SWC (no typecheck: `npm run typecheck` does that separately).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  resolver: '<rootDir>/test/support/jest-resolver.cjs',
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/extension/**/*.test.ts'],
  // jose and Prisma's wasm schema engine ship ESM only; let SWC turn them into CommonJS like our own files.
  transformIgnorePatterns: ['/node_modules/(?!(jose|@prisma/schema-engine-wasm)/)'],
  testPathIgnorePatterns: ['/node_modules/', '/web/server/generated/'],
  // CI's cached Node binaries and builds are not part of the code.
  modulePathIgnorePatterns: ['<rootDir>/.ci/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
};
