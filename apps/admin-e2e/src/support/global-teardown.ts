import { rmSync } from 'node:fs';
import { STATE_FILE } from './server.process';

/** Stops the server globalSetup started (which deletes its database). */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__TALLY_ADMIN_E2E__?.stop();
  rmSync(STATE_FILE, { force: true });
}
