#!/usr/bin/env node
// The `tally` command npm links into node_modules/.bin: it runs the built command line (apps/cli/dist).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('tally: the command line is not built yet: run `npm run build` (or `npx nx run cli:build`) first\n');
  process.exit(1);
}
require(main);
