module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'inventory-domain',
  rootDir: __dirname,
  // Relative imports name the emitted `.js` file (Node's ESM needs the extension); jest finds the `.ts`.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
