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
 * `force`. What the database held is moved aside (its schemas renamed) and dropped only once the
 * restore succeeded; a failed restore puts it back. (`pg_restore --clean` cannot drop pg-boss's
 * partitioned job tables.)
 */
export async function restorePostgres(file: string, force: boolean, run: PgRun): Promise<void> {
  checkArchiveMagic(file);
  requireTool(
    'pg_restore',
    run.env,
    `pg_restore --no-owner --single-transaction --exit-on-error --dbname="$DATABASE_URL" ${shellQuoted(file)}   (into an empty database)`,
  );
  checkArchiveTables(file, run.env);
  const client = await connectTo(run.databaseUrl);
  try {
    const target = await inspectTarget(client);
    if (target.otherSessions > 0) {
      throw new CliError(
        CliErrorCodes.inUse,
        `the database is in use by ${target.otherSessions} other session(s) (is the API running?): stop them, then restore`,
      );
    }
    if (target.tenants > 0 && !force) {
      throw new CliError(CliErrorCodes.holdsData, `the database already holds ${target.tenants} tenant(s): add --force to replace it with the backup`);
    }
    const aside = target.tables > 0 ? await moveSchemasAside(client) : [];
    const args = ['--no-owner', '--no-password', '--single-transaction', '--exit-on-error', `--dbname=${pgEnvironmentOf(run.databaseUrl)['PGDATABASE']}`, file];
    try {
      await runPgTool('pg_restore', args, run.databaseUrl, run.env, run.onOutput);
    } catch (error) {
      await putSchemasBack(client, aside);
      throw error;
    }
    for (const { renamed } of aside) await client.query(`DROP SCHEMA ${quoted(renamed)} CASCADE`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A schema of the database renamed out of the restore's way. */
interface SchemaAside {
  readonly name: string;
  readonly renamed: string;
}

// Every schema but PostgreSQL's own, renamed in one transaction; `public` is made again, empty.
async function moveSchemasAside(client: Client): Promise<SchemaAside[]> {
  const suffix = `_before_restore_${Date.now()}`;
  const { rows } = await client.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'");
  const aside = rows.map(({ name }) => ({ name, renamed: `${name.slice(0, 63 - suffix.length)}${suffix}` }));
  await client.query('BEGIN');
  try {
    for (const { name, renamed } of aside) await client.query(`ALTER SCHEMA ${quoted(name)} RENAME TO ${quoted(renamed)}`);
    await client.query('CREATE SCHEMA public');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return aside;
}

async function putSchemasBack(client: Client, aside: readonly SchemaAside[]): Promise<void> {
  if (!aside.length) return;
  await client.query('BEGIN');
  await client.query('DROP SCHEMA IF EXISTS public CASCADE');
  for (const { name, renamed } of aside) await client.query(`ALTER SCHEMA ${quoted(renamed)} RENAME TO ${quoted(name)}`);
  await client.query('COMMIT');
}

function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
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

async function connectTo(databaseUrl: string): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    const place = postgresPlaceOf(databaseUrl);
    throw new CliError(CliErrorCodes.toolFailed, `cannot connect to PostgreSQL database "${place.database}" on ${place.server}: ${(error as Error).message}`);
  }
}

/** What the target database holds, and who else is connected to it. */
async function inspectTarget(client: Client): Promise<{ otherSessions: number; tables: number; tenants: number }> {
  const one = async (sql: string): Promise<number> => Number((await client.query<{ n: string }>(sql)).rows[0].n);
  const otherSessions = await one('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  const tables = await one("SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
  const hasTenants = (await client.query<{ t: string | null }>("SELECT to_regclass('public.tenants')::text AS t")).rows[0].t !== null;
  const tenants = hasTenants ? await one('SELECT count(*) AS n FROM tenants') : 0;
  return { otherSessions, tables, tenants };
}

/** A path as a POSIX shell reads it literally. */
function shellQuoted(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
