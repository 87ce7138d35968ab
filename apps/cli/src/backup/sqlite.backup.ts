import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CliError, CliErrorCodes } from '../cli.error';
import { checkTallySqliteFile, sqliteTenantCount } from './tally-sqlite.check';

// Pages copied per step of the online backup (4 MB at 4 KiB pages): between steps the API may write.
const PAGES_PER_STEP = 1000;

/**
 * Copies a SQLite database with SQLite's online backup, safe while the API runs on it, into
 * `destination` (private to its owner). Written beside it first and renamed once complete, so
 * an interrupted backup never leaves a file that looks whole.
 */
export async function backupSqlite(file: string, destination: string, onProgress: (done: number, total: number) => void): Promise<number> {
  if (!existsSync(file)) throw new CliError(CliErrorCodes.noDatabase, `there is no SQLite database at ${file}`);
  const partial = `${destination}.partial`;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await db.backup(partial, {
      progress({ totalPages: total, remainingPages }) {
        onProgress(total - remainingPages, total);
        return PAGES_PER_STEP;
      },
    });
    chmodSync(partial, 0o600);
    renameSync(partial, destination);
    return totalPages;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

/**
 * Replaces the SQLite database `target` with the backup `file`, after checking the backup is a
 * Tally database. Refuses while any other connection has the target open (the API, or another
 * command): leaving WAL mode needs the database to itself, so trying it tells. Refuses a target
 * that holds tenants unless `force`.
 */
export function restoreSqlite(file: string, target: string, force: boolean): void {
  checkTallySqliteFile(file);
  if (existsSync(target)) {
    const db = new Database(target, { fileMustExist: true, timeout: 0 });
    try {
      claimAlone(db, target);
      const tenants = sqliteTenantCount(db);
      if (tenants > 0 && !force) {
        throw new CliError(CliErrorCodes.holdsData, `${target} already holds ${tenants} tenant(s): add --force to replace it with the backup`);
      }
    } finally {
      db.close();
    }
  } else {
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  }
  const staging = `${target}.restoring`;
  copyFileSync(file, staging);
  chmodSync(staging, 0o600);
  renameSync(staging, target);
  // Left by a crash before the restore; they belong to the replaced database.
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
}

/** Checkpoints and leaves WAL mode, which SQLite allows only to the database's sole connection. */
function claimAlone(db: Database.Database, target: string): void {
  const inUse = () => new CliError(CliErrorCodes.inUse, `${target} is in use by another process (is the API running?): stop it, then restore`);
  try {
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') throw inUse();
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY')) throw inUse();
    throw error;
  }
}
