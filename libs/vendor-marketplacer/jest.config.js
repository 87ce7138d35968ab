module.exports = { ...require('../../jest.preset.js'), displayName: 'vendor-marketplacer', rootDir: __dirname };
