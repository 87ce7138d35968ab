// Marks a build folder as ES modules: Node and TypeScript read the nearest package.json's "type"
// to decide how a `.js` (and its `.d.ts`) is loaded, and the package's own is CommonJS.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node mark-esm-output.mjs <folder>');
  process.exit(2);
}
writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ type: 'module', sideEffects: false })}\n`);
