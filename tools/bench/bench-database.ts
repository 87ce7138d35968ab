import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { Client } from 'pg';

/** The databases the benchmark compares. */
export type BenchDatabaseKind = 'sqlite' | 'postgresql';

/** A throw-away database: a temp SQLite file or a fresh PostgreSQL database. */
export interface BenchDatabase {
  readonly kind: BenchDatabaseKind;
  readonly url: string;
  /** The SQLite file (SQLite only). */
  readonly file: string;
  drop(): Promise<void>;
}

/** PostgreSQL server of the benchmark; override with BENCH_PG_URL. */
export const PG_SERVER = process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432';

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database of the given kind. */
export async function createBenchDatabase(kind: BenchDatabaseKind): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tally-bench-'));
    const file = join(dir, 'tally.db');
    return { kind, url: `sqlite:${file}`, file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `tally_bench_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  return { kind, url: `${PG_SERVER}/${name}`, file: '', drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Brings a database to the same quiet state before each measured phase, for both paths:
 * PostgreSQL vacuumed and analyzed (so autovacuum does not start in the middle of one path's
 * phase and not the other's), SQLite's write-ahead log checkpointed and emptied.
 */
export async function settle(db: BenchDatabase): Promise<void> {
  if (db.kind === 'sqlite') {
    const sqlite = new Database(db.file);
    try {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      sqlite.close();
    }
    return;
  }
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE) stock_levels, ledger_entries, items, locations');
  } finally {
    await client.end();
  }
}
