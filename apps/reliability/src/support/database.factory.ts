import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** The PostgreSQL server the suite creates its databases on. */
export const POSTGRES_ADMIN_URL = process.env['E2E_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database made for one run of the server, and how to get rid of it. */
export interface TestDatabase {
  readonly kind: 'sqlite' | 'postgres';
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh SQLite file in a new temporary directory. */
export function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'tally-rel-'));
  return {
    kind: 'sqlite',
    url: `sqlite:${join(dir, 'tally.db')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh PostgreSQL database with a random name, dropped (connections and all) by `drop`. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `tally_rel_${randomBytes(6).toString('hex')}`;
  await withAdmin(POSTGRES_ADMIN_URL, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    drop: () => withAdmin(POSTGRES_ADMIN_URL, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A fresh database of the given kind. */
export function createDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  return kind === 'sqlite' ? Promise.resolve(createSqliteDatabase()) : createPostgresDatabase();
}

async function withAdmin<T>(connectionString: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${connectionString} (set E2E_POSTGRES_URL): ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
