module.exports = { ...require('../../jest.preset.js'), displayName: 'vendor-kibo', rootDir: __dirname };
