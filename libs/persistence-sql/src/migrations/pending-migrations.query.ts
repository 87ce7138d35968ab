import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { parseDatabaseUrl } from '../persistence.factory';
import { MIGRATIONS_TABLE } from '../schema/schema.catalogue';
import { ensurePostgresDatabase } from '../sql/postgres-database.preflight';
import { MIGRATIONS } from './migrate-database';

// An unreachable host must not hang an operator's command forever.
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The names of the migrations a database has not applied yet, oldest first, read without
 * changing anything: a SQLite file that does not exist is not created, and no migrations table
 * is created where there is none (the migrator would create both).
 * @throws DatabaseStartError when a PostgreSQL server cannot be reached or the database does not exist.
 */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const applied = new Set(await appliedMigrations(databaseUrl));
  return MIGRATIONS.map((migration) => migration.name).filter((name) => !applied.has(name));
}

async function appliedMigrations(databaseUrl: string): Promise<string[]> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'sqlite') {
    if (target.file === ':memory:' || !existsSync(target.file)) return [];
    const db = new Database(target.file, { readonly: true, fileMustExist: true });
    try {
      const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE);
      return table ? (db.prepare(`SELECT name FROM ${MIGRATIONS_TABLE}`).all() as { name: string }[]).map((row) => row.name) : [];
    } finally {
      db.close();
    }
  }
  await ensurePostgresDatabase(target.url, false);
  const client = new Client({ connectionString: target.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    const { rows } = await client.query<{ present: string | null }>('SELECT to_regclass($1)::text AS present', [MIGRATIONS_TABLE]);
    if (!rows[0]?.present) return [];
    return (await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`)).rows.map((row) => row.name);
  } finally {
    await client.end().catch(() => undefined);
  }
}
