module.exports = { ...require('../../jest.preset.js'), displayName: 'persistence-sql', rootDir: __dirname };
