/**
 * The reliability suite: black-box checks of the built API (see docs/reliability.md). The files
 * run one after the other in name order, except the credential check: last, it scans the logs of all.
 */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'reliability',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.rel.spec.ts'],
  testSequencer: '<rootDir>/src/support/name-order.sequencer.js',
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  testTimeout: 600_000,
  maxWorkers: 1,
};
