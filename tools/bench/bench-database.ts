import Database from 'better-sqlite3';
import { Client } from 'pg';
import { createDatabase, type TestDatabase } from '@tally/test-support';

/** The databases the benchmark compares. */
export type BenchDatabaseKind = 'sqlite' | 'postgresql';

/** A throw-away database: a temp SQLite file or a fresh PostgreSQL database. */
export type BenchDatabase = TestDatabase;

/** PostgreSQL server of the benchmark; override with BENCH_PG_URL. */
export const PG_SERVER = process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432';

/** Creates an empty database of the given kind. */
export function createBenchDatabase(kind: BenchDatabaseKind): Promise<BenchDatabase> {
  return createDatabase(kind === 'sqlite' ? 'sqlite' : 'postgres', { prefix: 'tally_bench', postgresUrl: PG_SERVER });
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
