import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseKind } from './sql/sql-session';

/** A throw-away database for a test suite or a benchmark, and how to get rid of it. */
export interface ScratchDatabase {
  readonly kind: DatabaseKind;
  /** A URL `createPersistence` accepts. */
  readonly url: string;
  /** The SQLite file ('' on PostgreSQL). */
  readonly file: string;
  drop(): Promise<void>;
}

/** Where and under what name scratch databases are made. */
export interface ScratchDatabaseOptions {
  /** Prefix of the temp folder or the database name, such as `tally_test`. */
  readonly prefix: string;
  /** PostgreSQL server (no database part). Default postgres://postgres@127.0.0.1:5432. */
  readonly postgresServer?: string;
}

async function onServer(server: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: `${server}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database: a SQLite file in a new temporary folder, or a PostgreSQL
 * database with a random name, dropped with its connections by `drop`.
 */
export async function createScratchDatabase(kind: DatabaseKind, options: ScratchDatabaseOptions): Promise<ScratchDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${options.prefix.replace(/_/g, '-')}-`));
    const file = join(dir, 'tally.db');
    return { kind, url: `sqlite:${file}`, file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = options.postgresServer ?? 'postgres://postgres@127.0.0.1:5432';
  const name = `${options.prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(server, `CREATE DATABASE ${name}`);
  return { kind, url: `${server}/${name}`, file: '', drop: () => onServer(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
