import { randomBytes } from 'node:crypto';
import { startServer, type RunningServer } from './api-server.process';
import type { Target } from './e2e-targets.state';
import { createDatabase, type TestDatabase } from './test-database.factory';

/** Servers and databases of one test, released after it. */
export class Fleet {
  readonly servers: RunningServer[] = [];
  readonly databases: TestDatabase[] = [];
  readonly adminKey = `tly_e2e_${randomBytes(24).toString('base64url')}`;

  async database(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
    const database = await createDatabase(kind);
    this.databases.push(database);
    return database;
  }

  // PostgreSQL runs jobs through pg-boss, SQLite through the database queue (ADR 0016).
  async server(database: TestDatabase, env: Record<string, string> = {}): Promise<RunningServer> {
    const queue = database.kind === 'postgres' ? 'pg-boss' : 'database';
    const server = await startServer({ DATABASE_URL: database.url, TALLY_ADMIN_KEY: this.adminKey, JOBS_QUEUE: queue, ...env });
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
