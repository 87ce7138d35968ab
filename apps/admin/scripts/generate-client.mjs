// Regenerates src/api/schema.ts from the API's OpenAPI document (built from the Nest app, not served).
// Usage: node apps/admin/scripts/generate-client.mjs [output file]; needs apps/api built.
// The console speaks only Tally's own API: the vendor dialects' paths and the schemas only they
// use are left out, so adding a dialect does not change the console's client.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const output = resolve(process.argv[2] ?? join(root, 'apps/admin/src/api/schema.ts'));
const folder = mkdtempSync(join(tmpdir(), 'tally-client-'));
try {
  const document = join(folder, 'openapi.json');
  execFileSync(process.execPath, [join(root, 'apps/api/dist/docs/openapi.export.js'), document], { cwd: root, stdio: 'inherit' });
  writeFileSync(document, JSON.stringify(consoleOnly(JSON.parse(readFileSync(document, 'utf8')))));
  const cli = join(root, 'node_modules/openapi-typescript/bin/cli.js');
  execFileSync(process.execPath, [cli, document, '--output', output, '--root-types', '--alphabetize'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
} finally {
  rmSync(folder, { recursive: true, force: true });
}

/** The document with Tally's own paths only, and the component schemas they reach. */
function consoleOnly(doc) {
  const paths = Object.fromEntries(Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/') || path === '/health'));
  const schemas = doc.components?.schemas ?? {};
  const reached = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      if (!reached.has(name)) {
        reached.add(name);
        visit(schemas[name]);
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(paths);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
  return { ...doc, paths, components: { ...doc.components, schemas: kept } };
}
