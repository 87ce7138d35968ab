import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WORKSPACE_ROOT } from '@tally/test-support';

/** Where a run keeps the servers' logs and the secrets it handed out (emptied by globalSetup). */
export const RUN_DIR = process.env['TALLY_RELIABILITY_DIR'] ?? resolve(WORKSPACE_ROOT, 'tmp/reliability');
/** One file per server process: everything it printed on stdout and stderr. */
export const LOG_DIR = join(RUN_DIR, 'logs');
const SECRETS_FILE = join(RUN_DIR, 'secrets.txt');

/** Remembers a secret the suite used, so the credential check can look for it in every log. */
export function recordSecret(secret: string): void {
  mkdirSync(RUN_DIR, { recursive: true });
  appendFileSync(SECRETS_FILE, `${secret}\n`);
}

/** Every secret recorded so far in this run. */
export function recordedSecrets(): string[] {
  try {
    return [
      ...new Set(
        readFileSync(SECRETS_FILE, 'utf8')
          .split('\n')
          .filter((s) => s.length > 0),
      ),
    ];
  } catch {
    return [];
  }
}

/** The captured logs of every server of this run, by file name. */
export function capturedLogs(): Map<string, string> {
  const logs = new Map<string, string>();
  try {
    for (const name of readdirSync(LOG_DIR)) logs.set(name, readFileSync(join(LOG_DIR, name), 'utf8'));
  } catch {
    // No server has run yet.
  }
  return logs;
}
