module.exports = { ...require('../../jest.preset.js'), displayName: 'outbound-webhook', rootDir: __dirname };
