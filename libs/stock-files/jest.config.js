module.exports = { ...require('../../jest.preset.js'), displayName: 'stock-files', rootDir: __dirname };
