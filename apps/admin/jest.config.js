/** The console's node-side checks (the checked-in API client is current); the browser tests are in admin-e2e. */
module.exports = { ...require('../../jest.preset.js'), displayName: 'admin', rootDir: __dirname, testTimeout: 120_000 };
