import { existsSync } from 'node:fs';
import { MIGRATIONS } from '@tally/persistence-sql';
import { cliDatabase, KINDS, sqlOn, tableCount, tallyExpecting, type CliDatabase } from '../tally-process.spec-helper';

const NAMES = MIGRATIONS.map((migration) => migration.name);

describe.each(KINDS)('tally migrate on %s', (kind) => {
  let db: CliDatabase;
  beforeEach(async () => {
    db = await cliDatabase(kind);
  });
  afterEach(() => db.drop());

  it('--dry-run lists every migration of a fresh database and creates nothing; migrate applies them; then none is pending', async () => {
    const dry = await tallyExpecting(0, db, 'migrate', '--dry-run');
    expect(dry.stdout.trim().split('\n')).toEqual(NAMES);
    expect(await tableCount(db)).toBe(0);
    if (kind === 'sqlite') expect(existsSync(db.file)).toBe(false);

    const applied = await tallyExpecting(0, db, 'migrate');
    expect(applied.stdout.trim().split('\n')).toEqual(NAMES);
    expect(await tableCount(db)).toBeGreaterThan(10);

    const after = await tallyExpecting(0, db, 'migrate', '--dry-run');
    expect(after.stdout).toBe('');
    expect(after.stderr).toContain('no pending migrations');
    expect((await tallyExpecting(0, db, 'migrate')).stdout).toBe('');
  });

  it('lists only what a partly migrated database lacks', async () => {
    await tallyExpecting(0, db, 'migrate');
    await sqlOn(db, `DELETE FROM mikro_orm_migrations WHERE name = '${NAMES[NAMES.length - 1]}'`);
    expect((await tallyExpecting(0, db, 'migrate', '--dry-run')).stdout.trim()).toBe(NAMES[NAMES.length - 1]);
  });

  it('refuses admin commands on a database with pending migrations, creating nothing', async () => {
    const refused = await tallyExpecting(1, db, 'create-tenant', 'Acme');
    expect(refused.stderr).toContain('CLI.PENDING_MIGRATIONS');
    expect(refused.stderr).toContain('tally migrate');
    expect(await tableCount(db)).toBe(0);
  });
});
