import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDatabaseUrl } from '@tally/persistence-sql';
import { CliError, CliErrorCodes, ExitCodes } from '../cli.error';
import type { CliCommand } from '../cli-command';
import type { CliIo } from '../cli.io';
import { backupPostgres } from '../backup/postgres.backup';
import { backupSqlite } from '../backup/sqlite.backup';
import { progressBar } from '../output/progress.bar';
import { loadSettings } from '../platform/admin.context';

/** Reminds the operator of what a database backup does not hold. */
const SECRETS_KEY_NOTE = 'The secrets key (SECRETS_KEY, SECRETS_KEY_FILE or secrets.key in the data directory) is not in it: back it up too.';

/** `tally backup FILE`: SQLite online backup, or pg_dump on PostgreSQL. */
export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'back the database up into FILE (safe while the API runs)',
  positionals: ['FILE'],
  options: { force: { type: 'boolean' } },
  help: [
    'Backs the configured database up into FILE, while the API keeps running.',
    "  SQLite:     SQLite's online backup, with a progress bar on a terminal.",
    '  PostgreSQL: pg_dump in its custom format (for pg_restore); when pg_dump is not on PATH, prints',
    '              the command to run and exits 1.',
    'The secrets key is not in the backup: keep a copy of it with the backups.',
    '',
    'Options:',
    '  --force   overwrite FILE if it exists',
  ].join('\n'),
  async run({ args, options }, io) {
    const { databaseUrl } = loadSettings(io);
    const file = resolve(args['FILE']);
    if (existsSync(file) && !options['force']) throw new CliError(CliErrorCodes.fileExists, `${file} exists: add --force to overwrite it`);
    const target = parseDatabaseUrl(databaseUrl);
    if (target.kind === 'sqlite') await backupSqliteTo(target.file, file, io);
    else await backupPostgres(file, { databaseUrl, env: io.env, onOutput: (text) => io.err(text.trimEnd()) });
    io.out(`backup written to ${file}`);
    io.err(SECRETS_KEY_NOTE);
    return ExitCodes.ok;
  },
};

async function backupSqliteTo(database: string, file: string, io: CliIo): Promise<void> {
  const bar = progressBar(io, 'backup', 'pages');
  try {
    const pages = await backupSqlite(database, file, (done, total) => bar.update(done, total));
    // SQLite reports before each step, so the last report is one step short of the end.
    bar.update(pages, pages);
    bar.stop();
    io.err(`copied ${pages} page(s) of ${database}`);
  } finally {
    bar.stop();
  }
}
