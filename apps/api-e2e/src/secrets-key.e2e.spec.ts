import { chmodSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createDatabase, runToExit, startServer } from '@tally/test-support';
import { E2E_DATABASES } from './support/server-fleet';

describe('the secrets key', () => {
  it('is created with mode 0600 next to a new SQLite database, kept on the next start, and refused once exposed', async () => {
    const database = await createDatabase('sqlite', E2E_DATABASES);
    try {
      const keyFile = join(dirname(database.file), 'secrets.key');
      const first = await startServer({ env: { DATABASE_URL: database.url } });
      await first.stop();
      const key = readFileSync(keyFile);
      expect(key).toHaveLength(32);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(first.transcript()).toContain(`created the secrets key file ${keyFile}`);
      expect(first.transcript()).not.toContain(key.toString('base64'));

      const second = await startServer({ env: { DATABASE_URL: database.url } });
      await second.stop();
      expect(readFileSync(keyFile)).toEqual(key);
      expect(second.transcript()).not.toContain('secrets key file');

      chmodSync(keyFile, 0o644);
      const refused = await runToExit({ env: { DATABASE_URL: database.url } });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `Tally API cannot start. Invalid configuration:\n  - the secrets key file ${keyFile} is open to group or others (mode 0644)`,
      );
      expect(refused.stdout + refused.stderr).not.toContain(key.toString('base64'));
    } finally {
      await database.drop();
    }
  });

  it('refuses a SECRETS_KEY that is not the base64 of 32 bytes, naming it and never echoing it', async () => {
    const database = await createDatabase('sqlite', E2E_DATABASES);
    try {
      const result = await runToExit({ env: { DATABASE_URL: database.url, SECRETS_KEY: 'aHVudGVyMmh1bnRlcjI=' } });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('SECRETS_KEY must be the base64 of 32 bytes, it decodes to 14');
      expect(result.stdout + result.stderr).not.toContain('aHVudGVyMmh1bnRlcjI');
    } finally {
      await database.drop();
    }
  });
});
