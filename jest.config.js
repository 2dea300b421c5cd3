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
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  maxWorkers: embedded ? 1 : 2,
  testTimeout: 30000,
};
