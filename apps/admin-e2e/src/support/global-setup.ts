import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { STATE_FILE, startServer, type RunningServer } from './server.process';

declare global {
  var __TALLY_ADMIN_E2E__: RunningServer | undefined;
}

/** Starts the built API, which serves the built console at /admin, on a fresh SQLite database. */
export default async function globalSetup(): Promise<void> {
  const adminKey = `tly_admin_e2e_${randomBytes(24).toString('base64url')}`;
  const server = await startServer(adminKey);
  globalThis.__TALLY_ADMIN_E2E__ = server;
  mkdirSync(dirname(STATE_FILE), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify({ baseUrl: server.baseUrl, adminKey }));
  process.env['TALLY_ADMIN_E2E_STATE'] = STATE_FILE;
}
