module.exports = { ...require('../../jest.preset.js'), displayName: 'vendor-retailops', rootDir: __dirname };
