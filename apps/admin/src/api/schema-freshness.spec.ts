import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

describe('the checked-in API client', () => {
  it('matches the OpenAPI document of the API as built now (else run: nx run admin:generate-client)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tally-schema-'));
    try {
      const fresh = join(folder, 'schema.ts');
      execFileSync(process.execPath, [join(ROOT, 'apps/admin/scripts/generate-client.mjs'), fresh], { cwd: ROOT, stdio: 'pipe' });
      const checkedIn = readFileSync(join(__dirname, 'schema.ts'), 'utf8');
      const generated = readFileSync(fresh, 'utf8');
      // A line diff is useless on 6,000 lines: name the first path that differs instead.
      const firstDifference = generated.split('\n').find((line, i) => line !== checkedIn.split('\n')[i]);
      expect({ stale: generated !== checkedIn, firstDifference }).toEqual({ stale: false, firstDifference: undefined });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
