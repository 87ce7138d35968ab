import { mkdirSync, rmSync } from 'node:fs';
import { LOG_DIR, RUN_DIR } from './run-dir';

/** Starts each run with no logs and no recorded secrets of an earlier one. */
export default async function globalSetup(): Promise<void> {
  rmSync(RUN_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
}
