import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ManageAccess } from '@tally/inventory-application';
import { createPersistence } from '@tally/persistence-sql';
import { loadConfig } from '@tally/platform-node';
import { createApiApp } from '../api-app.factory';
import type { PersistenceHandle } from '../platform/persistence.handle';

/** A test API and the switch that makes its database look down to `/health`. */
export interface SqliteTestApi {
  readonly app: NestFastifyApplication;
  readonly adminKey: string;
  readonly persistence: PersistenceHandle & { healthy: boolean };
  /** Closes the app and the database and deletes the file. */
  close(): Promise<void>;
}

/**
 * The API on a real SQLite file in a fresh temporary folder, bootstrapped, with its admin
 * key; for in-process specs through `inject`.
 */
export async function createSqliteApi(env: NodeJS.ProcessEnv = {}): Promise<SqliteTestApi> {
  // Specs run the TypeScript sources; job threads and the Crux write thread start the built
  // JavaScript (e2e specs cover them).
  process.env['JOBS_THREADS'] ??= 'off';
  process.env['CRUX_WRITE_THREAD'] ??= 'off';
  const folder = mkdtempSync(join(tmpdir(), 'tally-api-spec-'));
  const databaseUrl = `sqlite:${join(folder, 'tally.db')}`;
  const real = await createPersistence(databaseUrl);
  const persistence = Object.assign(Object.create(real) as typeof real, {
    healthy: true,
    async health() {
      return persistence.healthy ? real.health() : { database: real.databaseKind, ok: false, detail: 'switched off by the test' };
    },
  });
  // The database's folder is also where the secrets key file is created, and deleted with it.
  const config = loadConfig({ LOG_LEVEL: 'fatal', DATABASE_URL: databaseUrl, ...env });
  const app = await createApiApp(config, persistence, { docsUi: false, adminConsole: false });
  const first = await app.get(ManageAccess).bootstrap(config.adminKey);
  if (!first.created) throw new Error('expected a fresh tenant');
  return {
    app,
    adminKey: first.adminKey,
    persistence,
    async close() {
      await app.close(); // closes the database too (PersistenceModule's shutdown hook)
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
