import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** The databases the API runs on. */
export type DatabaseKind = 'sqlite' | 'postgres';

/** The PostgreSQL server test databases are created on; E2E_POSTGRES_URL overrides it. */
export const POSTGRES_ADMIN_URL = process.env['E2E_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database made for one run of a server, and how to get rid of it. */
export interface TestDatabase {
  readonly kind: DatabaseKind;
  /** What `DATABASE_URL` takes. */
  readonly url: string;
  /** The SQLite file ('' on PostgreSQL). */
  readonly file: string;
  drop(): Promise<void>;
}

/** Where and under what name test databases are made. */
export interface DatabaseOptions {
  /** Prefix of the database name or (with dashes) of the temporary folder; letters, digits and `_`. */
  readonly prefix?: string;
  /** A PostgreSQL URL to create databases through (its database part, if any, is only connected to). */
  readonly postgresUrl?: string;
}

const DEFAULT_PREFIX = 'tally_test';

/** A fresh SQLite file in a new temporary folder, removed by `drop`. */
export function createSqliteDatabase(options: DatabaseOptions = {}): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), `${prefixOf(options).replace(/_/g, '-')}-`));
  const file = join(dir, 'tally.db');
  return { kind: 'sqlite', url: `sqlite:${file}`, file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh PostgreSQL database with a random name, dropped (connections and all) by `drop`. */
export async function createPostgresDatabase(options: DatabaseOptions = {}): Promise<TestDatabase> {
  const server = options.postgresUrl ?? POSTGRES_ADMIN_URL;
  const name = `${prefixOf(options)}_${randomBytes(6).toString('hex')}`;
  await withAdmin(server, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    file: '',
    drop: () => withAdmin(server, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A fresh database of the given kind. */
export function createDatabase(kind: DatabaseKind, options: DatabaseOptions = {}): Promise<TestDatabase> {
  return kind === 'sqlite' ? Promise.resolve(createSqliteDatabase(options)) : createPostgresDatabase(options);
}

// The name goes into CREATE DATABASE unquoted.
function prefixOf(options: DatabaseOptions): string {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`database prefix ${prefix} must be lower-case letters, digits and _`);
  return prefix;
}

async function withAdmin<T>(server: string, work: (client: Client) => Promise<T>): Promise<T> {
  const url = new URL(server);
  // A server URL without a database: connect to the maintenance database.
  if (url.pathname === '' || url.pathname === '/') url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${server} (set E2E_POSTGRES_URL): ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
