/** The command line's specs spawn the built `tally` binary (and the built API) on real databases. */
module.exports = { ...require('../../jest.preset.js'), displayName: 'cli', rootDir: __dirname, testTimeout: 120_000, maxWorkers: 2 };
