module.exports = { ...require('../../jest.preset.js'), displayName: 'vendor-crux', rootDir: __dirname };
