import type { Database, Statement } from 'better-sqlite3';
import { DriverConnectionPool } from './driver-connection.pool';
import { PgSession, SqliteSession, type DatabaseKind, type SqlSession } from './sql-session';

/** How long a SQLite writer waits for the write lock before the store's retry takes over. */
export const SQLITE_LOCK_WAIT_MS = 5000;

/** SQLite's own busy timeout on every connection, for statements outside the gate's write transactions. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

const isBusy = (error: unknown): boolean => String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// The signals a transaction's session raised, keyed by the session: raised once it commits.
const commitSignals = new WeakMap<SqlSession, Set<string>>();

/**
 * Raises `signal` on the session's gate once its transaction commits, once per transaction
 * however often asked; nothing on a rollback. A session outside a transaction raises nothing.
 */
export function signalOnCommit(session: SqlSession, signal: string): void {
  commitSignals.get(session)?.add(signal);
}

const busyTimeouts = new WeakMap<Database, { none: Statement; restore: Statement }>();

// Prepared once per connection: `db.pragma()` compiles its statement on every call, and a write
// transaction sets the timeout twice.
function busyTimeoutStatements(db: Database): { none: Statement; restore: Statement } {
  let statements = busyTimeouts.get(db);
  if (!statements) {
    statements = { none: db.prepare('PRAGMA busy_timeout = 0'), restore: db.prepare(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`) };
    busyTimeouts.set(db, statements);
  }
  return statements;
}

/**
 * Takes SQLite's write lock, waiting without blocking the event loop: better-sqlite3 is
 * synchronous, so its busy handler would freeze the process, including the lock holder when
 * that is another connection of the same process.
 */
async function beginImmediate(db: Database): Promise<void> {
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  const busyTimeout = busyTimeoutStatements(db);
  busyTimeout.none.get();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
        await sleep(Math.random() * Math.min(20, attempt));
      }
    }
  } finally {
    busyTimeout.restore.get();
  }
}

/** Takes the write lock, runs `work` and commits, or rolls back and rethrows. */
async function writeTransaction<T>(db: Database, work: () => Promise<T>): Promise<T> {
  await beginImmediate(db);
  try {
    const result = await work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Hands out sessions on connections of the ORM's own pool ({@link DriverConnectionPool}), so the batched SQL paths and
 * the entity manager share one pool (one connection on SQLite, which serializes in-process
 * writers).
 */
export class SqlGate {
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(
    readonly kind: DatabaseKind,
    private readonly pool: DriverConnectionPool,
  ) {}

  /** Calls `listener` after each commit in this process whose transaction raised `signal` ({@link signalOnCommit}); answers the unsubscription. */
  onCommitted(signal: string, listener: () => void): () => void {
    const set = this.listeners.get(signal) ?? new Set();
    this.listeners.set(signal, set.add(listener));
    return () => set.delete(listener);
  }

  /**
   * Runs `work` in one transaction and commits, or rolls back and rethrows. On SQLite the
   * transaction is `BEGIN IMMEDIATE`: the database write lock is taken before any read, so a
   * read-then-write transaction cannot fail half-way with SQLITE_BUSY (docs/architecture.md §6).
   */
  async transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.kind === 'sqlite' ? this.sqliteTransaction(work) : this.pgTransaction(work);
  }

  /** Runs `work` on one connection without an explicit transaction (reads, single-statement writes). */
  async session<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.kind === 'sqlite' ? this.pool.withSqlite((db) => work(new SqliteSession(db))) : this.pool.withPostgres((client) => work(new PgSession(client)));
  }

  /**
   * Runs `work`, reads only, on one snapshot of the database: several statements that must agree
   * with each other (a read model built from several tables). PostgreSQL: `REPEATABLE READ READ
   * ONLY`; SQLite: a deferred transaction, which takes no write lock. Always rolled back.
   */
  async snapshot<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') {
      return this.pool.withSqlite(async (db) => {
        db.exec('BEGIN');
        try {
          return await work(new SqliteSession(db));
        } finally {
          if (db.inTransaction) db.exec('ROLLBACK');
        }
      });
    }
    return this.pool.withPostgres(async (client) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        return await work(new PgSession(client));
      } finally {
        // A connection that cannot roll back is broken: the pool drops it instead of reusing it.
        await client.query('ROLLBACK').catch(() => DriverConnectionPool.discard(client));
      }
    });
  }

  /**
   * SQLite only, on one connection: runs `read` in a read transaction (one snapshot, no write
   * lock, so other connections keep writing meanwhile), then, unless it answered `done`, takes
   * the write lock and runs `write` with what `read` answered, and commits (ADR 0025).
   */
  async snapshotThenWrite<R, T>(
    read: (session: SqlSession) => Promise<{ done: true; value: T } | { done: false; snapshot: R }>,
    write: (session: SqlSession, snapshot: R) => Promise<T>,
  ): Promise<T> {
    if (this.kind !== 'sqlite') throw new Error('snapshotThenWrite is for SQLite; PostgreSQL writers lock what they read');
    return this.pool.withSqlite(async (db) => {
      const session = new SqliteSession(db);
      db.exec('BEGIN');
      let first: Awaited<ReturnType<typeof read>>;
      try {
        first = await read(session);
      } finally {
        // Read only: ending it just releases the snapshot.
        if (db.inTransaction) db.exec('ROLLBACK');
      }
      if (first.done) return first.value;
      const signals = this.collectSignals(session);
      const result = await writeTransaction(db, () => write(session, first.snapshot));
      this.raise(signals);
      return result;
    });
  }

  private async sqliteTransaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.pool.withSqlite(async (db) => {
      const session = new SqliteSession(db);
      const signals = this.collectSignals(session);
      const result = await writeTransaction(db, () => work(session));
      this.raise(signals);
      return result;
    });
  }

  private collectSignals(session: SqlSession): Set<string> {
    const signals = new Set<string>();
    commitSignals.set(session, signals);
    return signals;
  }

  // A listener's failure is its own: the transaction has committed and its caller gets its result.
  private raise(signals: ReadonlySet<string>): void {
    for (const signal of signals) {
      for (const listener of this.listeners.get(signal) ?? []) {
        try {
          listener();
        } catch {
          // Listeners only wake loops; one that throws is not worth failing a committed write.
        }
      }
    }
  }

  private async pgTransaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.pool.withPostgres(async (client) => {
      await client.query('BEGIN');
      try {
        const session = new PgSession(client);
        const signals = this.collectSignals(session);
        const result = await work(session);
        await client.query('COMMIT');
        this.raise(signals);
        return result;
      } catch (error) {
        // A connection that cannot roll back is broken: the pool drops it instead of reusing it.
        await client.query('ROLLBACK').catch(() => DriverConnectionPool.discard(client));
        throw error;
      }
    });
  }
}
