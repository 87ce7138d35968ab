import { createPersistence, migrateDatabase, pendingMigrations } from '@tally/persistence-sql';
import { ExitCodes } from '../cli.error';
import type { CliCommand } from '../cli-command';
import { loadSettings } from '../platform/admin.context';

/** `tally migrate [--dry-run]`: the API's migrations, under the same advisory lock on PostgreSQL. */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'apply the pending database migrations (--dry-run lists them)',
  positionals: [],
  options: { 'dry-run': { type: 'boolean' } },
  help: [
    'Applies the migrations the database has not applied yet, oldest first, as the API does when it',
    'starts: on PostgreSQL under the same advisory lock, so a starting API and this command take turns.',
    '',
    'Options:',
    '  --dry-run   list the pending migrations by name and change nothing (a SQLite file that does',
    '              not exist is not created)',
  ].join('\n'),
  async run({ options }, io) {
    const { databaseUrl } = loadSettings(io);
    if (options['dry-run']) {
      const pending = await pendingMigrations(databaseUrl);
      for (const name of pending) io.out(name);
      io.err(pending.length ? `${pending.length} pending migration(s); nothing was changed` : 'no pending migrations');
      return ExitCodes.ok;
    }
    const persistence = await createPersistence(databaseUrl, { migrate: false, backgroundCheckpoints: false, poolSize: 2 });
    try {
      const applied = await migrateDatabase(persistence.orm);
      for (const name of applied) io.out(name);
      io.err(applied.length ? `applied ${applied.length} migration(s)` : 'no pending migrations: nothing to apply');
      return ExitCodes.ok;
    } finally {
      await persistence.close();
    }
  },
};
