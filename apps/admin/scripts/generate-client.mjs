// Regenerates src/api/schema.ts from the API's OpenAPI document (built from the Nest app, not served).
// Usage: node apps/admin/scripts/generate-client.mjs [output file]; needs apps/api built.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const output = resolve(process.argv[2] ?? join(root, 'apps/admin/src/api/schema.ts'));
const folder = mkdtempSync(join(tmpdir(), 'tally-client-'));
try {
  const document = join(folder, 'openapi.json');
  execFileSync(process.execPath, [join(root, 'apps/api/dist/docs/openapi.export.js'), document], { cwd: root, stdio: 'inherit' });
  const cli = join(root, 'node_modules/openapi-typescript/bin/cli.js');
  execFileSync(process.execPath, [cli, document, '--output', output, '--root-types', '--alphabetize'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
} finally {
  rmSync(folder, { recursive: true, force: true });
}
