import Database from 'better-sqlite3';
import { MIGRATIONS } from '@tally/persistence-sql';
import { CliError, CliErrorCodes } from '../cli.error';

// Tally's migrations table, and a table every Tally database has since its first migration.
const MIGRATIONS_TABLE = 'mikro_orm_migrations';
const TENANTS_TABLE = 'tenants';

/**
 * Refuses a file that is not a sound SQLite database made by Tally: it must pass SQLite's quick
 * check, hold Tally's migrations table with the first migration applied, no migration this
 * build does not know, and the tenants table.
 */
export function checkTallySqliteFile(file: string): void {
  const refuse = (why: string) => new CliError(CliErrorCodes.notTally, `${file} is not a backup of a Tally database: ${why}`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw refuse((error as Error).message);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw refuse(`SQLite's quick check says ${String(check)}`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
    if (!tables.has(MIGRATIONS_TABLE) || !tables.has(TENANTS_TABLE)) throw refuse('it has no Tally schema (no migrations or tenants table)');
    const applied = (db.prepare(`SELECT name FROM ${MIGRATIONS_TABLE}`).all() as { name: string }[]).map((row) => row.name);
    const known = new Set(MIGRATIONS.map((migration) => migration.name));
    if (!applied.includes(MIGRATIONS[0].name)) throw refuse("Tally's first migration is not applied in it");
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length) throw refuse(`it was made by a newer Tally (migration ${unknown[0]} is unknown to this one)`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw refuse((error as Error).message);
  } finally {
    db.close();
  }
}

/** Tenants in a Tally SQLite database opened by the caller (0 without a tenants table). */
export function sqliteTenantCount(db: Database.Database): number {
  const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?").get(TENANTS_TABLE);
  return table ? (db.prepare(`SELECT count(*) AS n FROM ${TENANTS_TABLE}`).get() as { n: number }).n : 0;
}
