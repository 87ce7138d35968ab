import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WORKSPACE_ROOT } from '@tally/test-support';

/** One server the suite runs against. */
export interface Target {
  /** `sqlite` or `postgres`: the name describe.each shows. */
  readonly name: 'sqlite' | 'postgres';
  readonly baseUrl: string;
  /** The TALLY_ADMIN_KEY it was started with: the first tenant's admin key. */
  readonly adminKey: string;
  /** What it printed when it started on its empty database. */
  readonly banner: string;
}

/** Where globalSetup leaves the targets for the test files. */
export const STATE_FILE = process.env['TALLY_E2E_STATE'] ?? resolve(WORKSPACE_ROOT, 'tmp/api-e2e/state.json');

/** The servers started by globalSetup, as `[name, target]` rows for describe.each. */
export function targets(): [string, Target][] {
  const state = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { targets: Target[] };
  return state.targets.map((t) => [t.name, t]);
}
