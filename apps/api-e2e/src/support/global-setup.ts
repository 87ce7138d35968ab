import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createDatabase, newAdminKey, startServer, type RunningServer, type TestDatabase } from '@tally/test-support';
import { E2E_DATABASES } from './server-fleet';
import { STATE_FILE, type Target } from './e2e-targets.state';

/** What globalTeardown must undo. */
export interface E2eResources {
  servers: RunningServer[];
  databases: TestDatabase[];
}

declare global {
  var __TALLY_E2E__: E2eResources | undefined;
}

/** Starts the built API twice, on a fresh SQLite file and on a fresh PostgreSQL database. */
export default async function globalSetup(): Promise<void> {
  const resources: E2eResources = { servers: [], databases: [] };
  globalThis.__TALLY_E2E__ = resources;
  try {
    const targets: Target[] = [];
    for (const kind of ['sqlite', 'postgres'] as const) {
      const database = await createDatabase(kind, E2E_DATABASES);
      resources.databases.push(database);
      const adminKey = newAdminKey('tly_e2e');
      // Every spec file reaches the shared servers from 127.0.0.1: the Marketplacer rate-limit test
      // bursts 120 requests at once (above the default per-address cap, tested in
      // exhaustion.e2e.spec.ts), and every spec signs in from this one address, some with the first
      // tenant's key (the sign-in limits are tested on servers of their own, session-limits.e2e.spec.ts).
      const limits = { MAX_CONNECTIONS_PER_ADDRESS: '1024', SIGN_IN_LIMIT_PER_KEY: '1000000', SIGN_IN_LIMIT_PER_ADDRESS: '1000000' };
      const server = await startServer({ env: { DATABASE_URL: database.url, TALLY_ADMIN_KEY: adminKey, ...limits } });
      resources.servers.push(server);
      targets.push({ name: kind, baseUrl: server.baseUrl, adminKey, banner: server.output() });
    }
    mkdirSync(dirname(STATE_FILE), { recursive: true });
    writeFileSync(STATE_FILE, JSON.stringify({ targets }, null, 2));
    process.env['TALLY_E2E_STATE'] = STATE_FILE;
  } catch (error) {
    await release(resources);
    throw error;
  }
}

/** Stops the servers, then drops their databases. */
export async function release(resources: E2eResources): Promise<void> {
  await Promise.allSettled(resources.servers.map((s) => s.stop()));
  await Promise.allSettled(resources.databases.map((d) => d.drop()));
}
