/**
 * Tests run against real PostgreSQL: the server at DATABASE_URL when set (parallel workers), else an
 * embedded PGlite started in global setup, which serves one connection, so tests then run in band.
 */
const embedded = !process.env.DATABASE_URL;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // @marcbachmann/cel-js is ESM only: Node >= 20.19 require()s it, Jest's module system does not, so
  // @swc/jest turns that one package into CommonJS too.
  transform: { '^.+\\.ts$': ['@swc/jest'], '/node_modules/@marcbachmann/cel-js/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }] },
  transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  maxWorkers: embedded ? 1 : 2,
  testTimeout: 30000,
};
