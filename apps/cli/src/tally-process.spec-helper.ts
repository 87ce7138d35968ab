import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Client as PgClient } from 'pg';
import {
  client,
  createDatabase,
  runToExit,
  startServer,
  WORKSPACE_ROOT,
  type Client,
  type DatabaseKind,
  type ProcessRun,
  type RunningServer,
  type TestDatabase,
} from '@tally/test-support';

/** The `tally` command npm links: the built command line behind its bin script. */
export const TALLY_BIN = resolve(WORKSPACE_ROOT, 'apps/cli/bin/tally.js');

/** The engines every suite runs on. */
export const KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

/** A database for one test, with the settings the API and the command line share. */
export interface CliDatabase extends TestDatabase {
  readonly env: Record<string, string>;
}

/** A fresh database and a secrets key of its own (so no key file is written outside it). */
export async function cliDatabase(kind: DatabaseKind): Promise<CliDatabase> {
  const db = await createDatabase(kind, { prefix: 'tally_cli' });
  return { ...db, drop: () => db.drop(), env: { DATABASE_URL: db.url, SECRETS_KEY: randomBytes(32).toString('base64') } };
}

/** Runs `tally <args>` as a process on the database's settings, to its exit. */
export function tally(db: CliDatabase, ...args: string[]): Promise<ProcessRun> {
  return runToExit({ script: TALLY_BIN, args, env: db.env });
}

/** Runs `tally <args>` and fails with its output unless it exits with `code`. */
export async function tallyExpecting(code: number, db: CliDatabase, ...args: string[]): Promise<ProcessRun> {
  const run = await tally(db, ...args);
  if (run.code !== code) throw new Error(`tally ${args.join(' ')} exited ${run.code}, not ${code}:\n${run.stderr}${run.stdout}`);
  return run;
}

/** A value printed as `label:  value` on stdout. */
export function printed(run: ProcessRun, label: string): string {
  const match = new RegExp(`^${label}:\\s+(\\S+)$`, 'm').exec(run.stdout);
  if (!match) throw new Error(`no ${label} in:\n${run.stdout}`);
  return match[1];
}

/** A migrated database with a tenant opened by `tally create-tenant`. */
export async function tenantOn(db: CliDatabase, name = 'Acme'): Promise<{ tenantId: string; key: string }> {
  await tallyExpecting(0, db, 'migrate');
  const created = await tallyExpecting(0, db, 'create-tenant', name);
  return { tenantId: printed(created, 'tenant'), key: printed(created, 'key') };
}

/** The built API on the database, and a client for a key. */
export async function apiOn(db: CliDatabase): Promise<{ server: RunningServer; as: (key: string) => Client }> {
  const server = await startServer({ env: db.env });
  return { server, as: (key) => client(server.baseUrl, key) };
}

/** Runs SQL on the database directly, as an operator (or a fault) would. */
export async function sqlOn(db: CliDatabase, sql: string): Promise<void> {
  if (db.kind === 'sqlite') {
    const sqlite = new Database(db.file);
    try {
      sqlite.exec(sql);
    } finally {
      sqlite.close();
    }
    return;
  }
  const pg = new PgClient({ connectionString: db.url });
  await pg.connect();
  try {
    await pg.query(sql);
  } finally {
    await pg.end();
  }
}

/** How many tables the database holds (0 for a SQLite file that does not exist). */
export async function tableCount(db: CliDatabase): Promise<number> {
  if (db.kind === 'sqlite') {
    if (!existsSync(db.file)) return 0;
    const sqlite = new Database(db.file, { readonly: true });
    try {
      return (sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  }
  const pg = new PgClient({ connectionString: db.url });
  await pg.connect();
  try {
    return Number((await pg.query("SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")).rows[0].n);
  } finally {
    await pg.end();
  }
}
