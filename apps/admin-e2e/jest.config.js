/** Browser tests of the console: globalSetup spawns the built API (serving the built console) on a fresh SQLite file. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'admin-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testTimeout: 90_000,
  // One browser at a time: the scenarios build on each other and the machine is small.
  maxWorkers: 1,
};
