import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver, Knex } from '@mikro-orm/knex';
import type { Database } from 'better-sqlite3';
import type { Client } from 'pg';

/**
 * Lends the physical driver connections of MikroORM's pool: a better-sqlite3 `Database` or a
 * node-postgres client. The hand-written SQL paths need one pinned connection for a whole
 * transaction (`BEGIN IMMEDIATE` on SQLite, ADR 0002) and the driver's prepared statements,
 * which MikroORM's public API (`Connection.execute`, `transactional`) does not give.
 *
 * This is the only file that reaches below MikroORM's public API (ADR 0036): from
 * `Connection.getKnex()`, the one public accessor MikroORM offers, it uses the acquire and release
 * methods knex's typings declare on its client. `driver-connection.pool.spec.ts` fails if an
 * upgrade breaks any of it; nothing else in the lib may touch the knex client.
 */
export class DriverConnectionPool {
  private constructor(private readonly client: Knex.Client) {}

  /** The pool of an initialized ORM; the batched SQL paths and the entity manager share it. */
  static of(orm: MikroORM<AbstractSqlDriver>): DriverConnectionPool {
    return new DriverConnectionPool(orm.em.getConnection().getKnex().client);
  }

  /** Runs `work` on one better-sqlite3 connection of the pool, and gives it back. */
  async withSqlite<T>(work: (db: Database) => Promise<T>): Promise<T> {
    return this.with((connection) => work(connection as Database));
  }

  /** Runs `work` on one node-postgres connection of the pool, and gives it back. */
  async withPostgres<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return this.with((connection) => work(connection as Client));
  }

  /** How many connections the pool lends now and how many callers wait for one; null before the pool exists. */
  figures(): { used: number; waiting: number } | null {
    const pool = this.client.pool;
    if (!pool) return null;
    return { used: pool.numUsed(), waiting: pool.numPendingAcquires() };
  }

  /**
   * Closes a PostgreSQL connection left in an unknown state (its `ROLLBACK` failed), so the pool
   * drops it instead of lending it again: knex's pool validates each connection it lends and
   * refuses one whose socket ended.
   */
  static async discard(client: Client): Promise<void> {
    await client.end().catch(() => undefined);
    // node-postgres emits the client's 'end', which knex's pool listens to, on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
  }

  private async with<T>(work: (connection: unknown) => Promise<T>): Promise<T> {
    const connection: unknown = await this.client.acquireConnection();
    try {
      return await work(connection);
    } finally {
      await this.client.releaseConnection(connection);
    }
  }
}
