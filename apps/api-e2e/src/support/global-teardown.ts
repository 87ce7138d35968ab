import { rmSync } from 'node:fs';
import { STATE_FILE } from './e2e-targets.state';
import { release } from './global-setup';

/** Stops the servers globalSetup started and drops their databases. */
export default async function globalTeardown(): Promise<void> {
  if (globalThis.__TALLY_E2E__) await release(globalThis.__TALLY_E2E__);
  rmSync(STATE_FILE, { force: true });
}
