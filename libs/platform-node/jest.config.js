module.exports = { ...require('../../jest.preset.js'), displayName: 'platform-node', rootDir: __dirname };
