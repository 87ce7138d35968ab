import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { newAdminKey } from '@tally/test-support';
import { STATE_FILE, startConsoleServer, type ConsoleServer } from './server.process';

declare global {
  var __TALLY_ADMIN_E2E__: ConsoleServer | undefined;
}

/** Starts the built API, which serves the built console at /admin, on a fresh SQLite database. */
export default async function globalSetup(): Promise<void> {
  const adminKey = newAdminKey('tly_admin_e2e');
  const server = await startConsoleServer(adminKey);
  globalThis.__TALLY_ADMIN_E2E__ = server;
  mkdirSync(dirname(STATE_FILE), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify({ baseUrl: server.baseUrl, adminKey }));
  process.env['TALLY_ADMIN_E2E_STATE'] = STATE_FILE;
}
