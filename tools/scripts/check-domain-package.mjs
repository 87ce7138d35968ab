#!/usr/bin/env node
// Packs @tally/inventory-domain as a stranger would get it and uses it both ways (ADR 0038):
// the tarball's contents, then an install into a scratch project with no registry, then
// `require` and `import` calling the rules, then TypeScript resolving the types of each.
// Usage: node tools/scripts/check-domain-package.mjs [--no-build]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const lib = join(root, 'libs/inventory-domain');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const problems = [];
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const scratch = mkdtempSync(join(tmpdir(), 'tally-domain-package-'));
try {
  if (!process.argv.includes('--no-build')) {
    run(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['nx', 'run', 'inventory-domain:build', '--output-style=static'], root);
  }
  const [packed] = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', scratch], lib));
  const tarball = join(scratch, packed.filename);
  const files = new Set(packed.files.map((f) => f.path));
  console.log(`packed ${packed.filename}: ${files.size} files, ${packed.size} bytes`);

  checkContents(files);
  const unpacked = join(scratch, 'unpacked');
  mkdirSync(unpacked);
  run('tar', ['-xzf', tarball, '-C', unpacked], scratch);
  checkSourceMaps(join(unpacked, 'package'), files);

  const consumer = join(scratch, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  run(npm, ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], consumer);
  useBothWays(consumer);
  checkTypes(consumer);
} catch (error) {
  problems.push(`${error.message}${error.stderr ? `\n${error.stderr}` : ''}${error.stdout ? `\n${error.stdout}` : ''}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`@tally/inventory-domain package check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('@tally/inventory-domain package check passed: contents, source maps, require, import, types');

/** What a consumer needs is there; what only the repository needs is not. */
function checkContents(paths) {
  const required = [
    'package.json',
    'LICENSE',
    'README.md',
    'dist/cjs/index.js',
    'dist/cjs/index.d.ts',
    'dist/esm/index.js',
    'dist/esm/index.d.ts',
    'dist/esm/package.json',
  ];
  for (const path of required) if (!paths.has(path)) problems.push(`the tarball has no ${path}`);
  for (const path of paths) {
    if (/\.spec(-helper)?\.|\.property\.|(^|\/)src\/|tsconfig|jest\.config|project\.json/.test(path)) {
      problems.push(`the tarball ships ${path}, which only the repository needs`);
    }
  }
}

/** Every `sourceMappingURL` names a packed map, and every map carries the sources it points to. */
function checkSourceMaps(packageDir, paths) {
  for (const path of paths) {
    if (!/\.(c|m)?js$/.test(path)) continue;
    const match = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(packageDir, path), 'utf8'));
    if (!match) continue;
    const mapPath = relative(packageDir, resolve(dirname(join(packageDir, path)), match[1]))
      .split('\\')
      .join('/');
    if (!paths.has(mapPath)) {
      problems.push(`${path} references ${match[1]}, which is not in the tarball`);
      continue;
    }
    const map = JSON.parse(readFileSync(join(packageDir, mapPath), 'utf8'));
    const inlined = (map.sourcesContent ?? []).filter((text) => typeof text === 'string').length;
    if (inlined !== map.sources.length) problems.push(`${mapPath} points to sources it does not carry`);
  }
}

/** The README's example, through `require` and through `import`. */
function useBothWays(consumer) {
  const example = (api) => `
    const level = ${api}.absentLevel({ itemId: 'tea', locationId: 'wh-1' });
    const stocked = ${api}.applyWrite(level, { kind: 'set', patch: { onHand: 12, reserved: 2, safetyStock: 1 } }, null);
    const sold = ${api}.applyWrite(stocked.value, { kind: 'adjust', figure: 'on_hand', delta: -3, allowNegative: false }, null);
    const { sellable } = ${api}.levelAvailability(sold.value);
    if (sellable !== 6) throw new Error('sellable ' + sellable + ', expected 6');
    console.log('sellable', sellable);`;
  const required = run(process.execPath, ['-e', `const d = require('@tally/inventory-domain');${example('d')}`], consumer);
  const imported = run(process.execPath, ['--input-type=module', '-e', `import * as d from '@tally/inventory-domain';${example('d')}`], consumer);
  console.log(`require: ${required.trim()}; import: ${imported.trim()}`);
}

/** TypeScript (nodenext resolution) takes the CommonJS declarations for require, the ESM ones for import. */
function checkTypes(consumer) {
  const source = `import { applyWrite, absentLevel, type StockWrite } from '@tally/inventory-domain';
const write: StockWrite = { kind: 'remove' };
export const result: boolean = applyWrite(absentLevel({ itemId: 'i', locationId: 'l' }), write, null).ok;
`;
  writeFileSync(join(consumer, 'use.cts'), source);
  writeFileSync(join(consumer, 'use.mts'), source);
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const compilerOptions = { noEmit: true, strict: true, module: 'nodenext', moduleResolution: 'nodenext', types: [] };
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['use.cts', 'use.mts'] }));
  const trace = run(process.execPath, [tsc, '-p', '.', '--traceResolution'], consumer).split('\n');
  const resolved = {};
  let from = null;
  for (const line of trace) {
    const start = /^======== Resolving module '@tally\/inventory-domain' from '.*\/(use\.[cm]ts)'/.exec(line);
    if (start) from = start[1];
    const done = /^======== Module name '@tally\/inventory-domain' was successfully resolved to '[^']*\/node_modules\/@tally\/inventory-domain\/([^']+)'/.exec(
      line,
    );
    if (done && from) resolved[from] = done[1];
  }
  const expected = { 'use.cts': 'dist/cjs/index.d.ts', 'use.mts': 'dist/esm/index.d.ts' };
  for (const [file, declarations] of Object.entries(expected)) {
    if (resolved[file] !== declarations) problems.push(`${file} took its types from ${resolved[file] ?? 'nowhere'}, not ${declarations}`);
  }
  console.log(`types: use.cts -> ${resolved['use.cts']}, use.mts -> ${resolved['use.mts']}`);
}
