import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteCheckpointer } from './sqlite-checkpointer';

/**
 * Rows found in the main database file alone, i.e. what checkpoints have copied out of the log;
 * null when the copy was taken while a checkpoint was writing the file (a torn copy).
 */
function rowsInMainFile(file: string, copy: string): number | null {
  copyFileSync(file, copy);
  const db = new Database(copy);
  try {
    return (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  } catch (error) {
    if (['SQLITE_CORRUPT', 'SQLITE_NOTADB'].includes(String((error as { code?: unknown }).code))) return null;
    throw error;
  } finally {
    db.close();
  }
}

describe('SqliteCheckpointer', () => {
  let dir: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-checkpointer-'));
    db = new Database(join(dir, 'test.db'));
    db.pragma('journal_mode = WAL');
    // The writer never checkpoints by itself: whatever reaches the main file was copied by the thread.
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, v TEXT)');
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies committed transactions from the log into the database file while the writer keeps its connection', async () => {
    const file = join(dir, 'test.db');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    db.transaction(() => {
      for (let n = 0; n < 500; n++) insert.run(`row ${n}`);
    })();
    expect(rowsInMainFile(file, join(dir, 'before.db'))).toBe(0);

    const checkpointer = SqliteCheckpointer.start(file, undefined, 20);
    try {
      let copied: number | null = 0;
      for (let attempt = 0; attempt < 500 && copied !== 500; attempt++) {
        await new Promise((wait) => setTimeout(wait, 20));
        copied = rowsInMainFile(file, join(dir, 'during.db'));
      }
      expect(copied).toBe(500);
    } finally {
      await checkpointer.stop();
    }
  });

  it('runs a last checkpoint when stopped', async () => {
    const file = join(dir, 'test.db');
    const checkpointer = SqliteCheckpointer.start(file, undefined, 60_000);
    db.prepare('INSERT INTO t (v) VALUES (?)').run('last');
    await checkpointer.stop();
    expect(rowsInMainFile(file, join(dir, 'after.db'))).toBe(1);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
  });

  it('keeps a process alive until it has stopped, when stopping is all that process still awaits', () => {
    // A process of its own: under the test runner something else always keeps the loop alive.
    const script = `
      const { SqliteCheckpointer } = require(${JSON.stringify(join(__dirname, 'sqlite-checkpointer.ts'))});
      SqliteCheckpointer.start(${JSON.stringify(join(dir, 'test.db'))}, undefined, 60_000).stop().then(() => console.log('stopped'));
    `;
    const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '../../tsconfig.spec.json') },
      encoding: 'utf8',
    });
    expect(output.trim()).toBe('stopped');
  });

  it('reports a checkpoint that cannot run instead of failing silently', async () => {
    const errors: string[] = [];
    const checkpointer = SqliteCheckpointer.start(join(dir, 'missing.db'), (message) => errors.push(message), 20);
    for (let attempt = 0; attempt < 250 && errors.length === 0; attempt++) await new Promise((wait) => setTimeout(wait, 20));
    await checkpointer.stop();
    expect(errors.join(' ')).toMatch(/missing\.db|unable to open|does not exist/i);
  });
});
