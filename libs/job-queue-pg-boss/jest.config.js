module.exports = { ...require('../../jest.preset.js'), displayName: 'job-queue-pg-boss', rootDir: __dirname };
