import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import { postgresPlaceOf } from '@tally/persistence-sql';
import { CliError, CliErrorCodes } from '../cli.error';
import { pgEnvironmentOf, requireTool, runPgTool } from './pg.tools';

// What every pg_dump custom-format archive starts with.
const ARCHIVE_MAGIC = 'PGDMP';
// Tables a Tally database holds from its first migration on, as `pg_restore --list` names them.
const TALLY_TABLES = ['mikro_orm_migrations', 'tenants'];
const CONNECT_TIMEOUT_MS = 10_000;

/** How a PostgreSQL command reaches the database and reports. */
export interface PgRun {
  readonly databaseUrl: string;
  readonly env: NodeJS.ProcessEnv;
  readonly onOutput: (text: string) => void;
}

/** `pg_dump` in its custom format into `file` (private to its owner), renamed into place once complete. */
export async function backupPostgres(file: string, run: PgRun): Promise<void> {
  requireTool('pg_dump', run.env, `pg_dump --format=custom --no-owner --file=${shellQuoted(file)} --dbname="$DATABASE_URL"`);
  const partial = `${file}.partial`;
  try {
    await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-password', `--file=${partial}`], run.databaseUrl, run.env, run.onOutput);
    chmodSync(partial, 0o600);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * `pg_restore` of a Tally archive into the configured database, in one transaction that stops
 * at the first error. Refuses while other sessions use the database, and over tenants unless
 * `force` (then what is there is dropped first).
 */
export async function restorePostgres(file: string, force: boolean, run: PgRun): Promise<void> {
  checkArchiveMagic(file);
  const clean = '--clean --if-exists ';
  requireTool(
    'pg_restore',
    run.env,
    `pg_restore --no-owner --single-transaction --exit-on-error ${force ? clean : ''}--dbname="$DATABASE_URL" ${shellQuoted(file)}`,
  );
  checkArchiveTables(file, run.env);
  const target = await inspectTarget(run.databaseUrl);
  if (target.otherSessions > 0) {
    throw new CliError(
      CliErrorCodes.inUse,
      `the database is in use by ${target.otherSessions} other session(s) (is the API running?): stop them, then restore`,
    );
  }
  if (target.tenants > 0 && !force) {
    throw new CliError(CliErrorCodes.holdsData, `the database already holds ${target.tenants} tenant(s): add --force to replace it with the backup`);
  }
  const args = ['--no-owner', '--no-password', '--single-transaction', '--exit-on-error'];
  if (target.tables > 0) args.push('--clean', '--if-exists');
  await runPgTool('pg_restore', [...args, `--dbname=${pgEnvironmentOf(run.databaseUrl)['PGDATABASE']}`, file], run.databaseUrl, run.env, run.onOutput);
}

function checkArchiveMagic(file: string): void {
  const head = Buffer.alloc(ARCHIVE_MAGIC.length);
  try {
    const fd = openSync(file, 'r');
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new CliError(CliErrorCodes.notTally, `cannot read ${file}: ${(error as Error).message}`);
  }
  if (head.toString('latin1') !== ARCHIVE_MAGIC) {
    throw new CliError(CliErrorCodes.notTally, `${file} is not a backup of a Tally database: not a pg_dump custom-format archive`);
  }
}

function checkArchiveTables(file: string, env: NodeJS.ProcessEnv): void {
  const listed = spawnSync('pg_restore', ['--list', file], { env, encoding: 'utf8' });
  if (listed.status !== 0) throw new CliError(CliErrorCodes.notTally, `${file} is not a readable archive: ${listed.stderr.trim()}`);
  const missing = TALLY_TABLES.filter((table) => !new RegExp(`\\bTABLE \\S+ ${table}\\b`).test(listed.stdout));
  if (missing.length) throw new CliError(CliErrorCodes.notTally, `${file} is not a backup of a Tally database: it has no ${missing.join(' or ')} table`);
}

/** What the target database holds, and who else is connected to it. */
async function inspectTarget(databaseUrl: string): Promise<{ otherSessions: number; tables: number; tenants: number }> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (error) {
    const place = postgresPlaceOf(databaseUrl);
    throw new CliError(CliErrorCodes.toolFailed, `cannot connect to PostgreSQL database "${place.database}" on ${place.server}: ${(error as Error).message}`);
  }
  try {
    const one = async (sql: string): Promise<number> => Number((await client.query<{ n: string }>(sql)).rows[0].n);
    const otherSessions = await one('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const tables = await one("SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
    const hasTenants = (await client.query<{ t: string | null }>("SELECT to_regclass('public.tenants')::text AS t")).rows[0].t !== null;
    const tenants = hasTenants ? await one('SELECT count(*) AS n FROM tenants') : 0;
    return { otherSessions, tables, tenants };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A path as a POSIX shell reads it literally. */
function shellQuoted(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
