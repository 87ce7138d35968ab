import { createDatabase, newAdminKey, startServer, type DatabaseOptions, type RunningServer, type TestDatabase } from '@tally/test-support';
import type { Target } from './e2e-targets.state';

/** The suite's databases are named `tally_e2e_…` (temporary folders `tally-e2e-…`). */
export const E2E_DATABASES: DatabaseOptions = { prefix: 'tally_e2e' };

/** Servers and databases of one test, released after it. */
export class Fleet {
  readonly servers: RunningServer[] = [];
  readonly databases: TestDatabase[] = [];
  readonly adminKey = newAdminKey('tly_e2e');

  async database(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
    const database = await createDatabase(kind, E2E_DATABASES);
    this.databases.push(database);
    return database;
  }

  // PostgreSQL runs jobs through pg-boss, SQLite through the database queue (ADR 0016).
  async server(database: TestDatabase, env: Record<string, string> = {}): Promise<RunningServer> {
    const queue = database.kind === 'postgres' ? 'pg-boss' : 'database';
    const server = await startServer({ env: { DATABASE_URL: database.url, TALLY_ADMIN_KEY: this.adminKey, JOBS_QUEUE: queue, ...env } });
    this.servers.push(server);
    return server;
  }

  /** One of this fleet's servers as a test target: every fleet server starts with the fleet's admin key. */
  target(server: RunningServer, kind: Target['name']): Target {
    return { name: kind, baseUrl: server.baseUrl, adminKey: this.adminKey, banner: '' };
  }

  async release(): Promise<void> {
    await Promise.allSettled(this.servers.map((s) => s.stop()));
    await Promise.allSettled(this.databases.map((d) => d.drop()));
  }
}
