module.exports = { ...require('../../jest.preset.js'), displayName: 'vendor-comestri', rootDir: __dirname };
