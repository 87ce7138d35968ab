module.exports = { ...require('../../jest.preset.js'), displayName: 'vendor-kit', rootDir: __dirname };
