module.exports = { ...require('../../jest.preset.js'), displayName: 'persistence-mikro-orm', rootDir: __dirname };
