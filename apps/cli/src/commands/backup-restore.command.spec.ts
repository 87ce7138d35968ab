import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Client } from '@tally/test-support';
import { apiOn, cliDatabase, KINDS, tally, tallyExpecting, tenantOn, type CliDatabase } from '../tally-process.spec-helper';

const CREATE = { unknownItemPolicy: 'create', createLocationsAs: 'warehouse' };

/** Every level of the tenant, as the API lists them. */
async function levelsOf(admin: Client): Promise<unknown[]> {
  const answer = await admin('GET', '/api/v1/stock-levels?limit=100');
  expect(answer.status).toBe(200);
  return answer.body.items;
}

describe.each(KINDS)('tally backup and restore on %s', (kind) => {
  let db: CliDatabase;
  let folder: string;
  beforeEach(async () => {
    db = await cliDatabase(kind);
    folder = mkdtempSync(join(tmpdir(), 'tally-cli-backup-'));
  });
  afterEach(async () => {
    rmSync(folder, { recursive: true, force: true });
    await db.drop();
  });

  it('backs up while the API runs, and restoring gives the same levels and the same verification', async () => {
    const { key } = await tenantOn(db);
    const backup = join(folder, 'tally.backup');
    let before: unknown[];
    const first = await apiOn(db);
    try {
      const admin = first.as(key);
      const lines = Array.from({ length: 30 }, (_, i) => ({ op: 'set', item: { sku: `SKU-${i}` }, location: { code: `WH-${i % 3}` }, onHand: i }));
      expect((await admin('POST', '/api/v1/stock-levels/batch', { json: { ...CREATE, lines } })).status).toBe(200);
      expect((await admin('POST', '/api/v1/stock-levels/adjust', { json: { item: { sku: 'SKU-7' }, location: { code: 'WH-1' }, delta: 5 } })).status).toBe(200);
      before = await levelsOf(admin);
      expect(before).toHaveLength(30);

      await tallyExpecting(0, db, 'backup', backup);
      expect((await tallyExpecting(1, db, 'backup', backup)).stderr).toContain('BACKUP.FILE_EXISTS');
      // Changed after the backup: the restore must undo it.
      expect(
        (await admin('POST', '/api/v1/stock-levels/set', { json: { ...CREATE, item: { sku: 'SKU-LATE' }, location: { code: 'WH-0' }, onHand: 1 } })).status,
      ).toBe(200);
      const inUse = await tally(db, 'restore', backup, '--force');
      expect(inUse.code).toBe(1);
      expect(inUse.stderr).toContain('RESTORE.DATABASE_IN_USE');
    } finally {
      await first.server.stop();
    }
    const verifiedBefore = (await tallyExpecting(0, db, 'verify')).stdout;

    const refused = await tallyExpecting(1, db, 'restore', backup);
    expect(refused.stderr).toContain('RESTORE.TARGET_HOLDS_DATA');
    expect(refused.stderr).toContain('--force');
    await tallyExpecting(0, db, 'restore', backup, '--force');

    const verifiedAfter = (await tallyExpecting(0, db, 'verify')).stdout;
    expect(verifiedAfter).toContain('30 place(s) checked, 0 drift(s)');
    expect(verifiedBefore).toContain('31 place(s) checked, 0 drift(s)');
    expect(verifiedAfter).toBe(verifiedBefore.replace('31 place(s)', '30 place(s)'));
    const second = await apiOn(db);
    try {
      expect(await levelsOf(second.as(key))).toEqual(before);
    } finally {
      await second.server.stop();
    }
  });

  it('restores into an empty database without --force, and refuses a file that is not a Tally backup', async () => {
    await tenantOn(db);
    const backup = join(folder, 'tally.backup');
    await tallyExpecting(0, db, 'backup', backup);
    const fresh = await cliDatabase(kind);
    try {
      await tallyExpecting(0, { ...fresh, env: { ...fresh.env, SECRETS_KEY: db.env['SECRETS_KEY'] } }, 'restore', backup);
      expect((await tallyExpecting(0, fresh, 'verify')).stdout).toMatch(/^tenant \S+ \(Acme\): 0 place\(s\) checked/);
    } finally {
      await fresh.drop();
    }
    const junk = join(folder, 'junk.backup');
    writeFileSync(junk, 'not a database at all, just some text that is long enough to be read as a header '.repeat(20));
    const notTally = await tallyExpecting(1, db, 'restore', junk, '--force');
    expect(notTally.stderr).toContain('RESTORE.NOT_A_TALLY_BACKUP');
    expect((await tallyExpecting(0, db, 'verify')).stdout).toContain('(Acme)');
  });
});
