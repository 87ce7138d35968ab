import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDatabaseUrl } from '@tally/persistence-sql';
import { CliError, CliErrorCodes, ExitCodes } from '../cli.error';
import type { CliCommand } from '../cli-command';
import { restorePostgres } from '../backup/postgres.backup';
import { restoreSqlite } from '../backup/sqlite.backup';
import { loadSettings } from '../platform/admin.context';

/** `tally restore FILE [--force]`: the database replaced by a backup. */
export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'replace the database with a backup made by `tally backup` (API stopped)',
  positionals: ['FILE'],
  options: { force: { type: 'boolean' } },
  help: [
    'Replaces the configured database with the backup in FILE, after checking FILE is a backup of a',
    'Tally database. Stop the API first: a database in use is refused.',
    '  SQLite:     the database file is replaced by the backup.',
    '  PostgreSQL: pg_restore into the configured database, in one transaction; when pg_restore is',
    '              not on PATH, prints the command to run and exits 1.',
    'Run `tally migrate` afterwards when the backup is older than this version of Tally.',
    '',
    'Options:',
    '  --force   replace a database that already holds tenants (their data is lost)',
  ].join('\n'),
  async run({ args, options }, io) {
    const { databaseUrl } = loadSettings(io);
    const file = resolve(args['FILE']);
    if (!existsSync(file)) throw new CliError(CliErrorCodes.notTally, `there is no file ${file}`);
    const force = options['force'] === true;
    const target = parseDatabaseUrl(databaseUrl);
    if (target.kind === 'sqlite') restoreSqlite(file, target.file, force);
    else await restorePostgres(file, force, { databaseUrl, env: io.env, onOutput: (text) => io.err(text.trimEnd()) });
    io.out(`restored ${file}`);
    return ExitCodes.ok;
  },
};
